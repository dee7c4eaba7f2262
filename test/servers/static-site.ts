import { listen } from './http-helpers';

/**
 * A web site on loopback, for tests that need a real site in a tab: one page for every path, or a
 * page per path (any other path is a 404).
 */
export async function startStaticSite(pages: string | Record<string, string>): Promise<{ url: string; close: () => Promise<void> }> {
  const server = await listen((req, res) => {
    const path = new URL(req.url!, 'http://x').pathname;
    const html = typeof pages === 'string' ? pages : pages[path];
    if (path === '/favicon.ico') {
      res.writeHead(204).end(); // no icon, and no 404 in the page's console
      return;
    }
    if (html === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  return { url: `${server.url}/`, close: server.close };
}
