import type { CredentialCheck } from './auth-check';
import { bearerOf } from './auth-check';
import type { RecordedRequest } from './fake-openai';
import { geminiParameterError } from './generation-rules';
import { listen, readBody, sendJson } from './http-helpers';
import { vertexImageRefusal } from './image-parts';
import { recordedLines } from './recorded';
import { sse } from './sse';
import { respondWithStream, type Behaviour, type StreamLog } from './stream-responder';

const googleError = (code: number, status: string, message: string) => ({ error: { code, message, status } });

/**
 * Vertex AI's Gemini API: .../publishers/google/models/{model}:streamGenerateContent?alt=sse
 * replaying the recorded stream, and :countTokens. Google's error shape ({ error: { code, message,
 * status } }).
 */
export async function startFakeVertex(options: {
  project: string;
  location: string;
  models: string[];
  credential: CredentialCheck;
  behaviour?: Behaviour;
}) {
  const requests: RecordedRequest[] = [];
  const log: StreamLog = { closedByClient: 0, completed: 0 };
  const behaviour: Behaviour = options.behaviour ?? { mode: 'ok' };
  const events = recordedLines('vertex-gemini-stream.sse-data.txt').map((line) => sse(line));

  const server = await listen(async (req, res) => {
    const url = new URL(req.url!, 'http://x');
    const raw = await readBody(req);
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    requests.push({ method: req.method!, path: url.pathname + url.search, headers: req.headers, body });

    if (!(await options.credential(bearerOf(req.headers.authorization))))
      return sendJson(res, 401, googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token.'));
    const match = /^\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/publishers\/google\/models\/([^/:]+):(streamGenerateContent|countTokens)$/.exec(url.pathname);
    if (!match) return sendJson(res, 404, googleError(404, 'NOT_FOUND', 'The requested URL was not found on this server.'));
    const [, project, location, model, method] = match;
    if (project !== options.project || location !== options.location)
      return sendJson(res, 403, googleError(403, 'PERMISSION_DENIED', `Permission denied on resource project ${project}.`));
    if (!options.models.includes(model!))
      return sendJson(res, 404, googleError(404, 'NOT_FOUND', `Publisher Model \`projects/${project}/locations/${location}/publishers/google/models/${model}\` not found.`));
    if (!Array.isArray(body.contents))
      return sendJson(res, 400, googleError(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received. Unknown name "messages".'));
    const imageRefused = vertexImageRefusal(body);
    if (imageRefused) return sendJson(res, 400, googleError(400, 'INVALID_ARGUMENT', imageRefused));
    if (method === 'countTokens') return sendJson(res, 200, { totalTokens: 1, totalBillableCharacters: 4 });
    const refused = geminiParameterError(body, model!);
    if (refused) return sendJson(res, 400, googleError(400, 'INVALID_ARGUMENT', refused));
    if (url.searchParams.get('alt') !== 'sse')
      return sendJson(res, 400, googleError(400, 'INVALID_ARGUMENT', 'this fake only streams with alt=sse'));
    if (behaviour.mode === 'rate-limit')
      return sendJson(res, 429, googleError(429, 'RESOURCE_EXHAUSTED', 'Resource exhausted. Please try again later.'), {
        'retry-after': String(behaviour.retryAfter ?? 7),
      });
    await respondWithStream(req, res, 'text/event-stream', events, behaviour, log);
  });
  return { ...server, requests, log, behaviour };
}
