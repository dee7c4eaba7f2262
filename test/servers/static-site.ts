import { listen } from './http-helpers';

/** A web page on loopback, for tests that need a real site in a tab. */
export async function startStaticSite(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = await listen((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  return { url: `${server.url}/`, close: server.close };
}
