import type http from 'node:http';
import { listen, readBody } from '../../test/servers/http-helpers';
import { sse } from '../../test/servers/sse';
import { nowMs } from './stats';

export interface StreamPlan {
  /** The answer's tokens, in order (each sent as one chat.completion.chunk). */
  tokens: string[];
  /** Tokens written per tick, and the tick length: together, the rate. */
  perTick: number;
  tickMs: number;
  /** Wait before the first token, so the request is surely in flight when it is written. */
  firstTokenDelayMs: number;
}

export interface StreamTiming {
  /** When the request arrived (its headers). */
  requestAt: number;
  /** The request body's size, and how many messages it carried (the context budget's cut, issue 13 target 2). */
  requestBytes: number;
  requestMessages: number;
  firstTokenAt: number;
  lastByteAt: number;
}

const chunk = (content: string) =>
  sse(JSON.stringify({ id: 'bench', object: 'chat.completion.chunk', created: 0, model: 'bench-model', choices: [{ index: 0, delta: { content }, finish_reason: null }] }));
const finish = sse(JSON.stringify({ id: 'bench', object: 'chat.completion.chunk', created: 0, model: 'bench-model', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }));

/** The chat request's messages, counted; 0 for a body that is not one (the plain page's). */
function messageCount(body: string): number {
  try {
    const messages = (JSON.parse(body) as { messages?: unknown[] }).messages;
    return Array.isArray(messages) ? messages.length : 0;
  } catch {
    return 0;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An OpenAI-compatible server for the benchmarks: streams the planned tokens in OpenAI's SSE wire
 * format at a set rate and records, on its own clock, when it wrote the first token and the last
 * byte. It also serves the plain page that fetches the same stream directly: the physical limit.
 */
export async function startBenchServer() {
  let plan: StreamPlan = { tokens: ['Hello'], perTick: 1, tickMs: 1, firstTokenDelayMs: 30 };
  const timings: StreamTiming[] = [];

  const stream = async (res: http.ServerResponse, requestAt: number, body: string) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'access-control-allow-origin': '*' });
    res.flushHeaders();
    await sleep(plan.firstTokenDelayMs);
    const timing: StreamTiming = { requestAt, requestBytes: Buffer.byteLength(body), requestMessages: 0, firstTokenAt: 0, lastByteAt: 0 };
    for (let i = 0; i < plan.tokens.length; i += plan.perTick) {
      const batch = Buffer.concat(plan.tokens.slice(i, i + plan.perTick).map(chunk));
      if (i === 0) timing.firstTokenAt = nowMs();
      res.write(batch);
      if (i + plan.perTick < plan.tokens.length) await sleep(plan.tickMs);
    }
    res.write(Buffer.concat([finish, sse('[DONE]')]));
    timing.lastByteAt = nowMs();
    res.end();
    // Counted once the answer is sent: parsing a 1.5 MB body before it would delay the first token.
    timing.requestMessages = messageCount(body);
    timings.push(timing);
  };

  const server = await listen(async (req, res) => {
    const requestAt = nowMs();
    const url = new URL(req.url!, 'http://x');
    const body = await readBody(req);
    if (url.pathname === '/v1/models') {
      res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'bench-model', object: 'model' }] }));
    } else if (url.pathname === '/v1/chat/completions') await stream(res, requestAt, body);
    else if (url.pathname === '/plain') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(PLAIN_PAGE);
    } else if (url.pathname === '/favicon.ico') res.writeHead(204).end();
    else res.writeHead(404).end();
  });
  return { ...server, timings, setPlan: (p: StreamPlan) => (plan = p) };
}

/** The limit: a page that fetches the stream itself, parses SSE minimally and appends each delta. */
const PLAIN_PAGE = `<!doctype html><meta charset="utf-8"><title>plain</title><div id="out"></div><script>
window.run = async () => {
  const out = document.getElementById('out'); out.textContent = '';
  const response = await fetch('/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"stream":true}' });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read(); if (done) break;
    buffer += value; const events = buffer.split('\\n\\n'); buffer = events.pop();
    for (const e of events) { const data = e.slice(6); if (data === '[DONE]') continue;
      const text = JSON.parse(data).choices[0].delta.content; if (text) out.append(text); }
  }
};
</script>`;
