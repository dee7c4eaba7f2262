import type { Plugin } from 'vite';

/** webextension-polyfill 0.12's dist/browser-polyfill.js: a UMD wrapper around `function (module) { … module.exports = … }`. */
const UMD_HEADER = `(function (global, factory) {
  if (typeof define === "function" && define.amd) {
    define("webextension-polyfill", ["module"], factory);
  } else if (typeof exports !== "undefined") {
    factory(module);
  } else {
    var mod = {
      exports: {}
    };
    factory(mod);
    global.browser = mod.exports;
  }
})(typeof globalThis !== "undefined" ? globalThis : typeof self !== "undefined" ? self : this, function (module) {`;

const POLYFILL = /[\\/]webextension-polyfill[\\/]dist[\\/]browser-polyfill\.js$/;

/**
 * webextension-polyfill exports, in a browser that has a `browser` namespace of its own (Chromium
 * 156, Firefox), that native object. As a CommonJS module imported by an ES module (`wxt/browser`),
 * it goes through the bundler's interop (`__toESM`), which copies every own property of the exports
 * onto a namespace object, reading each one's descriptor; and Chrome builds an extension API's
 * bindings the first time its property is read that way. So every start of the service worker and
 * every page built all of them (windows, contextMenus, action, tabs, ...) before its first
 * listener: 3 to 5 ms of the 7 ms of a stopped worker's module evaluation (a CPU profile of the
 * start, bench/NOTES.md "A cold worker", session 11).
 *
 * Here the polyfill is an ES module whose default export is what its `module.exports` was (the
 * native `browser`, or its wrapper of `chrome` where there is none): its code runs unchanged, once,
 * on a `module` object of its own, and nothing copies the result. The build fails if the file's
 * wrapper is not the one this rewrites (an update changed it), rather than quietly losing this.
 */
export function polyfillAsEsModule(): Plugin {
  return {
    name: 'omni-ai:polyfill-as-es-module',
    transform(code, id) {
      if (!POLYFILL.test(id.split('?')[0]!)) return;
      if (code.split(UMD_HEADER).length !== 2) throw new Error(`omni-ai:polyfill-as-es-module: ${id} does not start with the UMD wrapper this plugin rewrites; check the polyfill's version`);
      const end = code.lastIndexOf('\n});');
      if (end < 0) throw new Error(`omni-ai:polyfill-as-es-module: ${id} does not end as the UMD wrapper this plugin rewrites`);
      const body = code.slice(0, end).replace(UMD_HEADER, 'const polyfillModule = { exports: {} };\n(function (module) {');
      const esm = `${body}\n})(polyfillModule);\nexport default polyfillModule.exports;\n`;
      return { code: esm, map: null };
    },
  };
}
