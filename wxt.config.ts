import { defineConfig } from 'wxt';

// Origins a user may point a provider or a token endpoint at. They are optional: the options page
// requests exactly the origin the user typed when they save it, so a fresh install reaches no site.
// Loopback is plain http so that local servers (Ollama, vLLM, LiteLLM) work.
const OPTIONAL_ORIGINS = ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'];

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
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
      ? { browser_specific_settings: { gecko: { id: 'omni-ai@omni-ai.dev', strict_min_version: '128.0' } } }
      : {}),
  }),
});
