import type { CredentialCheck } from './auth-check';
import { bearerOf } from './auth-check';
import type { RecordedRequest } from './fake-openai';
import { anthropicParameterError } from './generation-rules';
import { listen, readBody, sendJson } from './http-helpers';
import { anthropicImageRefusal } from './image-parts';
import { recordedLines } from './recorded';
import { sse } from './sse';
import { respondWithStream, type Behaviour, type StreamLog } from './stream-responder';

const anthropicError = (type: string, message: string) => ({ type: 'error', error: { type, message } });

/** The recorded event lines, with its text deltas replaced by `deltas` where the first one was. */
function answerEvents(recorded: string[], deltas: string[] | undefined): string[] {
  if (!deltas) return recorded;
  const isDelta = (line: string) => (JSON.parse(line) as { type: string }).type === 'content_block_delta';
  const first = recorded.findIndex(isDelta);
  const ours = deltas.map((text) => JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }));
  return [...recorded.slice(0, first), ...ours, ...recorded.slice(first).filter((line) => !isDelta(line))];
}

/**
 * Anthropic's Messages API: POST /v1/messages streamed as SSE whose event name is each payload's
 * type, replaying the recorded stream. It checks what the real API checks: the key (as
 * x-api-key or, as SDK 1.x sends it, a bearer token), anthropic-version, max_tokens, and that a
 * browser origin carries anthropic-dangerous-direct-browser-access; image blocks as image-parts.ts says;
 * and, for the models in `noTemperature` (Claude after Opus 4.6), that no temperature is sent.
 */
export async function startFakeAnthropic(options: {
  models: string[];
  /** Models that refuse any temperature, as Claude after Opus 4.6 does. */
  noTemperature?: string[];
  credential: CredentialCheck;
  behaviour?: Behaviour;
  /** The display_name /v1/models gives each model (Anthropic always gives one); the ID by default. */
  displayNames?: Record<string, string>;
  /** The answer's text deltas instead of the recorded ones, in the recorded stream's envelope. */
  deltas?: string[];
}) {
  const requests: RecordedRequest[] = [];
  const log: StreamLog = { closedByClient: 0, completed: 0 };
  const behaviour: Behaviour = options.behaviour ?? { mode: 'ok' };
  const events = answerEvents(recordedLines('anthropic-messages.sse-data.txt'), options.deltas).map((line) =>
    sse(line, (JSON.parse(line) as { type: string }).type),
  );

  const server = await listen(async (req, res) => {
    const raw = await readBody(req);
    const url = new URL(req.url!, 'http://x');
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    requests.push({ method: req.method!, path: url.pathname, headers: req.headers, body });

    if (req.headers.origin && req.headers['anthropic-dangerous-direct-browser-access'] !== 'true')
      return sendJson(res, 401, anthropicError('authentication_error', "CORS requests must set 'anthropic-dangerous-direct-browser-access' header"));
    const key = (req.headers['x-api-key'] as string | undefined) ?? bearerOf(req.headers.authorization);
    if (!(await options.credential(key))) return sendJson(res, 401, anthropicError('authentication_error', 'invalid x-api-key'));
    if (!req.headers['anthropic-version'])
      return sendJson(res, 400, anthropicError('invalid_request_error', 'anthropic-version: header is required'));
    if (req.method === 'GET' && url.pathname === '/v1/models')
      return sendJson(res, 200, {
        data: options.models.map((id) => ({ id, type: 'model', display_name: options.displayNames?.[id] ?? id, created_at: '2026-01-01T00:00:00Z' })),
        has_more: false,
        first_id: options.models[0],
        last_id: options.models.at(-1),
      });
    if (req.method !== 'POST' || url.pathname !== '/v1/messages')
      return sendJson(res, 404, anthropicError('not_found_error', 'Not found'));
    if (typeof body.max_tokens !== 'number')
      return sendJson(res, 400, anthropicError('invalid_request_error', 'max_tokens: Field required'));
    if (!options.models.includes(body.model as string))
      return sendJson(res, 404, anthropicError('not_found_error', `model: ${String(body.model)}`));
    const refused = anthropicParameterError(body, !options.noTemperature?.includes(body.model as string));
    if (refused) return sendJson(res, 400, anthropicError('invalid_request_error', refused));
    const imageRefused = anthropicImageRefusal(body);
    if (imageRefused) return sendJson(res, imageRefused.status, imageRefused.body);
    if (behaviour.mode === 'rate-limit')
      return sendJson(res, 429, anthropicError('rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit.'), {
        'retry-after': String(behaviour.retryAfter ?? 7),
      });
    await respondWithStream(req, res, 'text/event-stream', events, behaviour, log);
  });
  return { ...server, requests, log, behaviour };
}
