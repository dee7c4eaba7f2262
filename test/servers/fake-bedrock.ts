import { EventStreamCodec } from '@smithy/core/event-streams';
import type { CredentialCheck } from './auth-check';
import { bearerOf } from './auth-check';
import type { RecordedRequest } from './fake-openai';
import { converseParameterError } from './generation-rules';
import { listen, readBody, sendJson } from './http-helpers';
import { bedrockImageRefusal } from './image-parts';
import { recordedLines } from './recorded';
import { respondWithStream, type Behaviour, type StreamLog } from './stream-responder';
import fs from 'node:fs';
import path from 'node:path';

const codec = new EventStreamCodec(
  (bytes) => Buffer.from(bytes).toString('utf8'),
  (text) => new Uint8Array(Buffer.from(text, 'utf8')),
);

/**
 * One event-stream frame as AWS sends it: prelude, headers, payload and both CRCs. The recording
 * keeps each payload under its :event-type key; the wire carries the payload alone.
 */
export function eventFrame(line: string): Buffer {
  const [eventType, payload] = Object.entries(JSON.parse(line) as Record<string, unknown>)[0]!;
  return Buffer.from(
    codec.encode({
      headers: {
        ':message-type': { type: 'string', value: 'event' },
        ':event-type': { type: 'string', value: eventType },
        ':content-type': { type: 'string', value: 'application/json' },
      },
      body: new Uint8Array(Buffer.from(JSON.stringify(payload), 'utf8')),
    }),
  );
}

/** The recorded raw modelStreamErrorException frame, byte for byte. */
export const RECORDED_EXCEPTION_FRAME = Buffer.from(
  fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/recorded/bedrock-model-stream-error.eventstream.base64.txt'), 'utf8').trim(),
  'base64',
);

/**
 * Bedrock's runtime API: POST /model/{modelId}/converse-stream answered with
 * application/vnd.amazon.eventstream frames replaying the recorded stream; with
 * `exceptionAfter: n`, the recorded exception frame follows the first n events. Errors come as AWS
 * does: JSON { message } with x-amzn-errortype.
 */
export async function startFakeBedrock(options: {
  models: string[];
  credential: CredentialCheck;
  behaviour?: Behaviour & { exceptionAfter?: number };
}) {
  const requests: RecordedRequest[] = [];
  const log: StreamLog = { closedByClient: 0, completed: 0 };
  const behaviour: Behaviour & { exceptionAfter?: number } = options.behaviour ?? { mode: 'ok' };
  const frames = recordedLines('bedrock-converse-stream.events.txt').map(eventFrame);

  const awsError = (res: Parameters<typeof sendJson>[0], status: number, type: string, message: string, extra = {}) =>
    sendJson(res, status, { message }, { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`, ...extra });

  const server = await listen(async (req, res) => {
    const url = new URL(req.url!, 'http://x');
    const raw = await readBody(req);
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    requests.push({ method: req.method!, path: url.pathname, headers: req.headers, body });

    if (!(await options.credential(bearerOf(req.headers.authorization))))
      return awsError(res, 403, 'AccessDeniedException', 'Authentication failed: Please make sure your API Key is valid.');
    const match = /^\/model\/([^/]+)\/(converse-stream|converse)$/.exec(url.pathname);
    if (!match || req.method !== 'POST') return awsError(res, 404, 'UnknownOperationException', 'Unknown operation');
    const model = decodeURIComponent(match[1]!);
    if (!options.models.includes(model)) return awsError(res, 400, 'ValidationException', 'The provided model identifier is invalid.');
    const messages = body.messages as { role?: string; content?: unknown[] }[] | undefined;
    if (!Array.isArray(messages) || messages.some((m) => !Array.isArray(m.content)))
      return awsError(res, 400, 'ValidationException', 'Malformed input request: messages must be a list of messages with content blocks.');
    const refused = converseParameterError(body);
    if (refused) return awsError(res, 400, 'ValidationException', refused);
    const imageRefused = bedrockImageRefusal(body);
    if (imageRefused) return awsError(res, 400, imageRefused.type, imageRefused.message);
    if (behaviour.mode === 'rate-limit')
      return awsError(res, 429, 'ThrottlingException', 'Too many requests, please wait before trying again.', {
        'retry-after': String(behaviour.retryAfter ?? 7),
      });
    if (match[2] === 'converse')
      return sendJson(res, 200, {
        output: { message: { role: 'assistant', content: [{ text: 'P' }] } },
        stopReason: 'max_tokens',
        usage: { inputTokens: 8, outputTokens: 1, totalTokens: 9 },
      });
    const events =
      behaviour.exceptionAfter !== undefined ? [...frames.slice(0, behaviour.exceptionAfter), RECORDED_EXCEPTION_FRAME] : frames;
    await respondWithStream(req, res, 'application/vnd.amazon.eventstream', events, behaviour, log);
  });
  return { ...server, requests, log, behaviour };
}
