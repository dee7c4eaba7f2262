import type http from 'node:http';
import { CORS_HEADERS } from './http-helpers';

/** How a fake server answers the next streaming request. Tests change it between messages. */
export interface Behaviour {
  /** ok: the whole stream; rate-limit: a 429; disconnect: half the stream, then the socket is cut;
   * hang: half the stream, then nothing until the client gives up. */
  mode: 'ok' | 'rate-limit' | 'disconnect' | 'hang';
  /** Write the bytes in pieces of this size (an arbitrary split, mid-event and mid-UTF-8). */
  chunkSize?: number;
  /** Spread the events over this many milliseconds (a long answer). */
  durationMs?: number;
  /** Seconds in Retry-After for rate-limit. */
  retryAfter?: number;
}

export interface StreamLog {
  /** Streams the client closed before the server finished: Stop reached the provider. */
  closedByClient: number;
  completed: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Writes a streaming response made of `events` (each already in the wire format: SSE text or a
 * binary event-stream frame) according to the behaviour, and records how it ended.
 */
export async function respondWithStream(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  contentType: string,
  events: Buffer[],
  behaviour: Behaviour,
  log: StreamLog,
): Promise<void> {
  let clientClosed = false;
  res.on('close', () => {
    if (!res.writableFinished) {
      clientClosed = true;
      log.closedByClient++;
    }
  });
  res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-cache', ...CORS_HEADERS });
  res.flushHeaders();

  const count = behaviour.mode === 'disconnect' || behaviour.mode === 'hang' ? Math.ceil(events.length / 2) : events.length;
  const pause = behaviour.durationMs ? behaviour.durationMs / events.length : 0;
  for (const event of events.slice(0, count)) {
    if (clientClosed) return;
    if (behaviour.chunkSize) {
      for (let i = 0; i < event.length; i += behaviour.chunkSize) {
        res.write(event.subarray(i, i + behaviour.chunkSize));
        await sleep(1);
      }
    } else res.write(event);
    if (pause) await sleep(pause);
  }
  if (behaviour.mode === 'disconnect') {
    await sleep(50);
    req.socket.destroy();
    return;
  }
  if (behaviour.mode === 'hang') return; // until the client closes the connection
  res.end();
  log.completed++;
}
