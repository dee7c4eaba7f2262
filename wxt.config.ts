import fs from 'node:fs';
import { defineConfig } from 'wxt';

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

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // The store zip's name stays omni-ai-<version>-chrome.zip although it is built in mode "store".
  zip: { artifactTemplate: '{{name}}-{{packageVersion}}-{{browser}}.zip' },
  manifest: ({ browser, mode }) => ({
    name: 'omni-ai',
    description:
      'Chat with OpenAI, Anthropic, Azure OpenAI, AWS Bedrock, Google Vertex AI or any OpenAI-compatible server from the side panel.',
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
    action: { default_title: 'Open omni-ai' },
    // The action's own command: it fires action.onClicked, which opens the panel.
    commands: {
      _execute_action: { suggested_key: { default: 'Alt+Shift+O' }, description: 'Open omni-ai' },
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
