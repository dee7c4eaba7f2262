import type { CredentialCheck } from './auth-check';
import { bearerOf } from './auth-check';
import type { RecordedRequest } from './fake-openai';
import { openAIParameterError } from './generation-rules';
import { listen, readBody, sendJson } from './http-helpers';
import { openAIImageRefusal } from './image-parts';
import { recordedLines } from './recorded';
import { sse } from './sse';
import { respondWithStream, type Behaviour, type StreamLog } from './stream-responder';

export interface AzureRequestRecord extends RecordedRequest {
  apiVersion: string | null;
  bearer?: string;
}

/**
 * Azure OpenAI's data plane: /openai/deployments/{name}/chat/completions?api-version=…, with an
 * Entra bearer token (checked by `bearer`) or an `api-key` header (checked by `apiKey`). Streams
 * replay the recorded Azure stream, leading prompt_filter_results chunk and final usage chunk
 * included, then `data: [DONE]`. Errors come in Azure's shape ({ error: { code, message } }). The
 * deployments in `reasoning` run a reasoning model, whatever their name, and refuse generation
 * settings as it does (generation-rules.ts).
 */
export async function startFakeAzureOpenAI(options: {
  deployments: string[];
  reasoning?: string[];
  bearer?: CredentialCheck;
  apiKey?: CredentialCheck;
  behaviour?: Behaviour;
}) {
  const requests: AzureRequestRecord[] = [];
  const log: StreamLog = { closedByClient: 0, completed: 0 };
  const behaviour: Behaviour = options.behaviour ?? { mode: 'ok' };
  const events = [...recordedLines('azure-openai-chat.sse-data.txt').map((line) => sse(line)), sse('[DONE]')];

  const server = await listen(async (req, res) => {
    const url = new URL(req.url!, 'http://x');
    const raw = await readBody(req);
    const bearer = bearerOf(req.headers.authorization);
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    requests.push({
      method: req.method!,
      path: url.pathname,
      headers: req.headers,
      body,
      apiVersion: url.searchParams.get('api-version'),
      bearer,
    });

    if (!url.searchParams.get('api-version')) return sendJson(res, 404, { error: { code: '404', message: 'Resource not found' } });
    const authorised = bearer
      ? await (options.bearer?.(bearer) ?? false)
      : await (options.apiKey?.(req.headers['api-key'] as string | undefined) ?? false);
    if (!authorised)
      return sendJson(res, 401, {
        error: bearer
          ? { code: '401', message: 'Unauthorized. Access token is missing, invalid, audience is incorrect, or have expired.' }
          : { code: '401', message: 'Access denied due to invalid subscription key or wrong API endpoint.' },
      });
    const match = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/.exec(url.pathname);
    if (!match || !options.deployments.includes(decodeURIComponent(match[1]!)))
      return sendJson(res, 404, { error: { code: 'DeploymentNotFound', message: 'The API deployment for this resource does not exist.' } });
    if (!Array.isArray(body.messages))
      return sendJson(res, 400, { error: { code: 'BadRequest', message: "'messages' is a required property" } });
    const refused = openAIParameterError(body, options.reasoning?.includes(decodeURIComponent(match[1]!)) ?? false);
    if (refused) return sendJson(res, 400, { error: { ...refused, type: 'invalid_request_error' } });
    const imageRefused = openAIImageRefusal(body, 'azure', false);
    if (imageRefused) return sendJson(res, imageRefused.status, imageRefused.body);
    if (behaviour.mode === 'rate-limit')
      return sendJson(
        res,
        429,
        { error: { code: '429', message: 'Requests to the ChatCompletions_Create Operation have exceeded the rate limit.' } },
        { 'retry-after': String(behaviour.retryAfter ?? 7) },
      );
    if (body.stream !== true)
      return sendJson(res, 200, {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        model: 'gpt-4o-2024-11-20',
        choices: [{ index: 0, finish_reason: 'length', message: { role: 'assistant', content: 'P' } }],
        usage: { prompt_tokens: 8, completion_tokens: 1, total_tokens: 9 },
      });
    await respondWithStream(req, res, 'text/event-stream', events, behaviour, log);
  });
  return { ...server, requests, log, behaviour };
}
