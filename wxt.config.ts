import fs from 'node:fs';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { SDK_SCRIPT_PATHS } from './lib/providers/sdk/sdk-scripts';
import { openaiSdkSlim } from './scripts/vite/openai-sdk-slim';
import { polyfillAsEsModule } from './scripts/vite/polyfill-as-es-module';

// Origins a user may point a provider or a token endpoint at. They are optional: the options page
// requests exactly the origin the user typed when they save it, so a fresh install reaches no site.
// Loopback is plain http so that local servers (Ollama, vLLM, LiteLLM) work.
const OPTIONAL_ORIGINS = ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'];

/**
 * The manifest `key`: the public half of an RSA key pair generated once (keys/omni-ai.pub.pem; the
 * private half is never committed). Chrome derives the extension ID from it, so every unpacked copy
 * has the same ID, which admins name in policy files and identity providers in redirect URIs. The
 * store package leaves it out (`npm run zip` builds in mode "store"): the Chrome Web Store refuses
 * a `key` in uploads ("key field is not allowed in manifest") and gives the item its own ID.
 */
function manifestKey(): string {
  return fs
    .readFileSync(new URL('keys/omni-ai.pub.pem', import.meta.url), 'utf8')
    .replace(/-----(BEGIN|END) PUBLIC KEY-----|\s/g, '');
}

/**
 * The Content Security Policy of the extension's pages, which in MV3 also governs the service
 * worker. It stops what the answer sanitiser (lib/markdown/sanitize-answer.ts) should already have
 * removed, should it ever miss one (issue 10 §1): no image, style or font from anywhere but the
 * extension (`data:`/`blob:` images make no request: pasted images, screenshots), no media, frames,
 * plugins, form posts or `<base>`. `connect-src` is where the worker may call: the origins above
 * (any https origin, http only on loopback), which settings validation also enforces, plus
 * `data:`/`blob:` reads, which never reach the network. What no policy here stops, in Chromium 156:
 * `<link rel=prefetch>` to any origin `connect-src` admits, and `preconnect`/`dns-prefetch`, which
 * no directive governs; the sanitiser is their only guard (test/e2e/hostile-content.spec.ts).
 *
 * `wxt` (dev mode) adds its dev server to `script-src` itself; its hot reload also needs a
 * WebSocket and injects CSS as `<style>` elements, allowed here for `serve` only.
 */
function extensionPagesCsp(command: 'build' | 'serve'): string {
  const dev = command === 'serve';
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-src': ["'none'"],
    'media-src': ["'none'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'style-src': ["'self'", ...(dev ? ["'unsafe-inline'"] : [])],
    'connect-src': ["'self'", 'https:', 'http://localhost:*', 'http://127.0.0.1:*', 'data:', 'blob:', ...(dev ? ['ws://localhost:*'] : [])],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/**
 * The side panel renders answers, which are hostile input, and calls no server itself: every
 * provider call is the worker's. So its page adds a policy of its own (a `<meta>` CSP, enforced
 * together with the manifest's) that allows it no connection: neither the panel's code nor any of
 * its dependencies can send a conversation anywhere (fetch, beacon, WebSocket, a missed `<a ping>`),
 * though the manifest's `connect-src` must admit any https origin for the worker. Injected at build
 * time only: in dev mode Vite's client in the page talks to its dev server.
 */
function sidePanelConnectsNowhere(): Plugin {
  return {
    name: 'omni-ai:side-panel-csp',
    transformIndexHtml: (_html, { path }) =>
      path.endsWith('/sidepanel/index.html')
        ? [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: "connect-src 'self' data: blob:" }, injectTo: 'head-prepend' }]
        : [],
  };
}

export default defineConfig({
  hooks: {
    // Firefox's MV3 background is an event page, where `importScripts` does not exist: the provider
    // SDKs' scripts (entrypoints/*-sdk.ts) are listed before the worker's own, so they have run and
    // registered themselves when it starts (lib/providers/sdk/load-sdk.ts). Chrome's service worker
    // imports them on first need instead (issue 13 §4).
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.browser !== 'firefox' || !manifest.background || !('scripts' in manifest.background)) return;
      const sdks = Object.values(SDK_SCRIPT_PATHS).map((path) => path.slice(1));
      manifest.background.scripts = [...sdks, ...(manifest.background.scripts ?? [])];
    },
  },
  vite: ({ command }) => ({ plugins: [polyfillAsEsModule(), openaiSdkSlim(), ...(command === 'build' ? [sidePanelConnectsNowhere()] : [])] }),
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // The store zip's name stays omni-ai-<version>-chrome.zip although it is built in mode "store".
  zip: { artifactTemplate: '{{name}}-{{packageVersion}}-{{browser}}.zip' },
  manifest: ({ browser, mode, command }) => ({
    // The name is the product's in every language; the rest is in the browser's (public/_locales).
    name: 'omni-ai',
    default_locale: 'en',
    description: '__MSG_extension_description__',
    // unlimitedStorage (Chrome only): conversations are never evicted under storage pressure, with no
    // install warning. Firefox never evicts an extension's data and would prompt for it (README).
    // identity: launchWebAuthFlow opens the organisation's sign-in page for user sign-in (issue 11).
    permissions: [
      'storage',
      'alarms',
      'contextMenus',
      'activeTab',
      'scripting',
      'identity',
      ...(browser === 'firefox' ? [] : ['sidePanel', 'unlimitedStorage']),
    ],
    optional_host_permissions: OPTIONAL_ORIGINS,
    content_security_policy: { extension_pages: extensionPagesCsp(command) },
    action: { default_title: '__MSG_action_title__' },
    // The action's own command: it fires action.onClicked, which opens the panel.
    commands: {
      _execute_action: { suggested_key: { default: 'Alt+Shift+O' }, description: '__MSG_action_title__' },
    },
    ...(browser === 'firefox'
      ? // Firefox takes the ID from here, and reads policy without a schema (docs/POLICY.md).
        { browser_specific_settings: { gecko: { id: 'omni-ai@omni-ai.dev', strict_min_version: '128.0' } } }
      : {
          // The admin policy's schema (docs/POLICY.md); Chrome publishes no policy without one.
          storage: { managed_schema: 'managed_schema.json' },
          ...(mode === 'store' ? {} : { key: manifestKey() }),
        }),
  }),
});
