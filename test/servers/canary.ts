import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { CORS_HEADERS } from './http-helpers';

export interface CanaryHit {
  /** The loopback address the browser connected to. */
  address: string;
  method: string;
  path: string;
  /** What the page that asked told the server about itself. */
  referer?: string;
}

/**
 * A loopback server that hostile content points at, recording every request and every connection
 * (a preconnect or a TLS attempt is a connection with no HTTP request). A test asserts it saw
 * nothing. It listens on 127.0.0.1 and, on the same port, 127.0.0.2: a loopback address outside
 * omni-ai's `connect-src`, to show what the policy refuses.
 */
export async function startCanary() {
  const hits: CanaryHit[] = [];
  const connections: string[] = [];
  const waiters: { path: string; resolve: () => void }[] = [];
  const sockets = new Set<Socket>();

  const handler: http.RequestListener = (req, res) => {
    const path = new URL(req.url!, 'http://x').pathname;
    hits.push({ address: req.socket.localAddress ?? '', method: req.method!, path, referer: req.headers.referer });
    for (const waiter of waiters.filter((w) => w.path === path)) waiter.resolve();
    // A 1×1 GIF: whatever asked for it gets something that would have "worked".
    res.writeHead(200, { 'content-type': 'image/gif', 'cache-control': 'no-store', ...CORS_HEADERS });
    res.end(Buffer.from('R0lGODlhAQABAAAAACH5BAEAAAAALAAAAAABAAEAAAIBAAA=', 'base64'));
  };
  const servers = ['127.0.0.1', '127.0.0.2'].map(() => http.createServer(handler));
  for (const server of servers) {
    server.on('connection', (socket) => {
      connections.push(socket.localAddress ?? '');
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    server.on('clientError', (_error, socket) => socket.destroy()); // a TLS hello sent to plain HTTP
  }
  await new Promise<void>((resolve) => servers[0]!.listen(0, '127.0.0.1', resolve));
  const { port } = servers[0]!.address() as AddressInfo;
  await new Promise<void>((resolve) => servers[1]!.listen(port, '127.0.0.2', resolve));

  return {
    /** http://127.0.0.1:port */
    url: `http://127.0.0.1:${port}`,
    port,
    hits,
    connections,
    /** Resolves when a request for `path` has arrived. */
    waitFor: (path: string) =>
      new Promise<void>((resolve) => {
        if (hits.some((h) => h.path === path)) resolve();
        else waiters.push({ path, resolve });
      }),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}
