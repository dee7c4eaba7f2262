import vm from 'node:vm';
import { rolldown, type Plugin as RolldownPlugin } from 'rolldown';
import { describe, expect, it } from 'vitest';
import { polyfillAsEsModule } from '../../../scripts/vite/polyfill-as-es-module';

/** What `import { browser } from 'wxt/browser'` becomes in the build: the module @wxt-dev/webextension-polyfill aliases it to. */
const ENTRY = "import { browser } from '@wxt-dev/webextension-polyfill/browser';\nglobalThis.exported = browser;\n";

async function bundle(plugins: RolldownPlugin[]): Promise<string> {
  const entry: RolldownPlugin = {
    name: 'entry',
    resolveId: (id) => (id === 'entry' ? id : undefined),
    load: (id) => (id === 'entry' ? ENTRY : undefined),
  };
  const build = await rolldown({ input: 'entry', cwd: process.cwd(), plugins: [entry, ...plugins], logLevel: 'silent' });
  const { output } = await build.generate({ format: 'iife' });
  await build.close();
  return output[0].code;
}

/**
 * A browser with a `browser` namespace of its own, as Chromium 156 has: each API a property that
 * Chrome builds when it is first read, here through a proxy that notes every own property whose
 * descriptor is read (what the bundler's CommonJS interop did to each of them).
 */
function browserWithNamespace() {
  const described: string[] = [];
  const native = { runtime: { id: 'omni-ai' }, windows: {}, tabs: {}, contextMenus: {}, action: {} };
  const browser = new Proxy(native, {
    getOwnPropertyDescriptor(target, key) {
      described.push(String(key));
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
  return { described, browser, context: vm.createContext({ chrome: { runtime: { id: 'omni-ai' } }, browser }) };
}

const asPlugin = (): RolldownPlugin => polyfillAsEsModule() as unknown as RolldownPlugin;

describe('webextension-polyfill as an ES module (scripts/vite/polyfill-as-es-module.ts)', () => {
  it("gives the browser's own namespace, the very object, without reading any API's property", async () => {
    const { described, browser, context } = browserWithNamespace();
    vm.runInContext(await bundle([asPlugin()]), context);
    expect(context.exported).toBe(browser);
    expect(described).toEqual([]);
  });

  it('still wraps chrome where the browser has no namespace of its own', async () => {
    const context = vm.createContext({ chrome: { runtime: { id: 'omni-ai', getURL: (path: string) => `chrome-extension://omni-ai/${path}` } } });
    vm.runInContext(await bundle([asPlugin()]), context);
    const exported = context.exported as { runtime: { id: string; getURL: (path: string) => string } };
    expect(exported.runtime.id).toBe('omni-ai');
    expect(exported.runtime.getURL('x.html')).toBe('chrome-extension://omni-ai/x.html');
  });

  it('fails the build when the polyfill is not the file it rewrites', () => {
    const transform = polyfillAsEsModule().transform as (code: string, id: string) => unknown;
    expect(() => transform('module.exports = globalThis.browser;', '/x/node_modules/webextension-polyfill/dist/browser-polyfill.js')).toThrow(/UMD wrapper/);
    expect(transform('module.exports = 1;', '/x/node_modules/other/index.js')).toBeUndefined();
  });
});
