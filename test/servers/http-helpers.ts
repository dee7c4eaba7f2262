import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the real provider APIs send so a browser may call them (they all answer CORS): omni-ai's
 * worker calls them with CORS when no host permission has been granted yet, as in these tests.
 */
export const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-expose-headers': '*',
};

export async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts a loopback server; close() also drops the connections Chromium keeps alive. */
export async function listen(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      // "*" does not cover Authorization (Fetch standard): name the requested headers, as real APIs do.
      res
        .writeHead(204, {
          ...CORS_HEADERS,
          'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
        })
        .end();
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...CORS_HEADERS, ...headers });
  res.end(JSON.stringify(body));
}
