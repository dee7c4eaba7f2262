import type http from 'node:http';
import type { CredentialCheck } from './auth-check';
import { bearerOf } from './auth-check';
import { openAIParameterError } from './generation-rules';
import { listen, readBody, sendJson } from './http-helpers';
import { openAIImageRefusal } from './image-parts';
import { openAIChunks } from './openai-chunks';
import { recordedLines } from './recorded';
import { sse } from './sse';
import { respondWithStream, type Behaviour, type StreamLog } from './stream-responder';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/**
 * OpenAI's /v1 API as the SDK uses it (also serving as an OpenAI-compatible server): chat
 * completions streamed as SSE `data:` lines ending with `data: [DONE]`, replaying the recorded
 * stream (without Azure's prompt_filter_results chunk), and /v1/models. Errors in OpenAI's shape.
 * With `credential: undefined` it takes requests without auth, like a local Ollama. The models in
 * `reasoning` refuse generation settings as OpenAI's reasoning models do (generation-rules.ts); image
 * parts are checked as OpenAI checks them (image-parts.ts).
 */
export async function startFakeOpenAI(options: {
  models: string[];
  reasoning?: string[];
  credential?: CredentialCheck;
  behaviour?: Behaviour;
  /** Answers with this text (openai-chunks.ts) instead of the recorded stream. */
  reply?: string;
  /** Models that take no images: a request with an image_url part is refused, as OpenAI does. */
  textOnly?: string[];
}) {
  const requests: RecordedRequest[] = [];
  const log: StreamLog = { closedByClient: 0, completed: 0 };
  const behaviour: Behaviour = options.behaviour ?? { mode: 'ok' };
  const events = options.reply
    ? openAIChunks(options.reply)
    : [
        ...recordedLines('azure-openai-chat.sse-data.txt')
          .filter((line) => !line.includes('prompt_filter_results'))
          .map((line) => sse(line)),
        sse('[DONE]'),
      ];

  const server = await listen(async (req, res) => {
    const raw = await readBody(req);
    const url = new URL(req.url!, 'http://x');
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    requests.push({ method: req.method!, path: url.pathname, headers: req.headers, body });

    if (options.credential && !(await options.credential(bearerOf(req.headers.authorization))))
      return sendJson(res, 401, {
        error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' },
      });
    if (req.method === 'GET' && url.pathname === '/v1/models')
      return sendJson(res, 200, { object: 'list', data: options.models.map((id) => ({ id, object: 'model', owned_by: 'system' })) });
    if (req.method !== 'POST' || url.pathname !== '/v1/chat/completions')
      return sendJson(res, 404, { error: { message: `Invalid URL (${req.method} ${url.pathname})`, type: 'invalid_request_error' } });
    if (typeof body.model !== 'string' || !Array.isArray(body.messages))
      return sendJson(res, 400, { error: { message: 'you must provide a model parameter', type: 'invalid_request_error' } });
    if (!options.models.includes(body.model as string))
      return sendJson(res, 404, {
        error: { message: `The model \`${body.model}\` does not exist or you do not have access to it.`, type: 'invalid_request_error', code: 'model_not_found' },
      });
    const refused = openAIParameterError(body, options.reasoning?.includes(body.model as string) ?? false);
    if (refused) return sendJson(res, 400, { error: { ...refused, type: 'invalid_request_error' } });
    const imageRefused = openAIImageRefusal(body, 'openai', options.textOnly?.includes(body.model as string) ?? false);
    if (imageRefused) return sendJson(res, imageRefused.status, imageRefused.body);
    if (behaviour.mode === 'rate-limit')
      return sendJson(
        res,
        429,
        { error: { message: 'Rate limit reached for requests.', type: 'requests', code: 'rate_limit_exceeded' } },
        { 'retry-after': String(behaviour.retryAfter ?? 7) },
      );
    await respondWithStream(req, res, 'text/event-stream', events, behaviour, log);
  });
  return { ...server, requests, log, behaviour };
}
