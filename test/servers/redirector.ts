import type http from 'node:http';
import { CORS_HEADERS, listen, readBody } from './http-helpers';

export interface RedirectedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
}

/**
 * A server that answers every request with a redirect to the same path on another origin (`to`),
 * recording what it was sent: the hop that a credential must never follow. It sends CORS headers
 * on the redirect, as a gateway in front of a real API does, so that a browser without host
 * permission sees the redirect itself and not a CORS failure.
 */
export async function startRedirector(options: { to: string; status?: 301 | 302 | 303 | 307 | 308 }) {
  const requests: RedirectedRequest[] = [];
  const server = await listen(async (req, res) => {
    await readBody(req);
    requests.push({ method: req.method!, path: req.url!, headers: req.headers });
    res.writeHead(options.status ?? 307, { location: new URL(req.url!, options.to).href, ...CORS_HEADERS });
    res.end();
  });
  return { ...server, requests };
}
