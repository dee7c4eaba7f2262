import { afterEach, describe, expect, it, vi } from 'vitest';
import { importSdkScriptsOnInstall } from '@/lib/background/import-sdk-scripts-on-install';
import { loadSdk } from '@/lib/providers/sdk/load-sdk';
import { registerSdk } from '@/lib/providers/sdk/register-sdk';
import { SDK_GLOBAL, SDK_SCRIPT_PATHS, type SdkScripts } from '@/lib/providers/sdk/sdk-scripts';

// Stand-ins for what a script registers: loadSdk hands back whatever the script gave it.
const openaiExports = { OpenAI: class {}, AzureOpenAI: class {} } as unknown as SdkScripts['openai'];
const anthropicExports = { MessagesClient: class {} } as unknown as SdkScripts['anthropic'];

afterEach(() => {
  delete (globalThis as Record<string, unknown>)[SDK_GLOBAL];
  vi.unstubAllGlobals();
});

describe('loadSdk (issue 13 §4: the SDKs are scripts of their own, loaded on first need)', () => {
  it('imports the SDK’s script the first time, and hands back what the script registered', () => {
    const importScripts = vi.fn((url: string) => {
      if (url === '/openai-sdk.js') registerSdk('openai', openaiExports);
    });
    vi.stubGlobal('importScripts', importScripts);
    expect(loadSdk('openai', 'openai-compatible')).toBe(openaiExports);
    expect(importScripts).toHaveBeenCalledExactlyOnceWith('/openai-sdk.js');
  });

  it('imports nothing when the script has run already (a later request, or Firefox’s listed scripts)', () => {
    const importScripts = vi.fn();
    vi.stubGlobal('importScripts', importScripts);
    registerSdk('anthropic', anthropicExports);
    expect(loadSdk('anthropic', 'anthropic')).toBe(anthropicExports);
    expect(loadSdk('anthropic', 'anthropic')).toBe(anthropicExports);
    expect(importScripts).not.toHaveBeenCalled();
  });

  it('says which provider and file could not be loaded, what the browser said, and what to do', () => {
    // What Chrome throws for a script the worker did not import while installing.
    vi.stubGlobal('importScripts', () => {
      throw new DOMException("Failed to execute 'importScripts' on 'WorkerGlobalScope': Module scripts don't support importScripts().", 'NetworkError');
    });
    expect(() => loadSdk('openai', 'azure-openai')).toThrow(
      /^omni-ai could not load its code for Azure OpenAI \(openai-sdk\.js: Failed to execute 'importScripts'.*\)\. Reload omni-ai on the browser’s extensions page, or reinstall it, then press Retry\.$/,
    );
  });

  it('says so when the script ran but registered nothing, and when there is no importScripts', () => {
    vi.stubGlobal('importScripts', () => undefined);
    expect(() => loadSdk('anthropic', 'anthropic')).toThrow('omni-ai could not load its code for Anthropic (anthropic-sdk.js: the script ran but provided nothing).');
    vi.unstubAllGlobals();
    expect(() => loadSdk('openai', 'openai')).toThrow(/^omni-ai could not load its code for OpenAI \(openai-sdk\.js: importScripts is not available here\)/);
  });

  it('asks for the sign-in again, not a Retry, when jose cannot be loaded for a sign-in', () => {
    vi.stubGlobal('importScripts', () => undefined);
    expect(() => loadSdk('jose', 'sign-in')).toThrow(
      'omni-ai could not load its code for signing in (jose-sdk.js: the script ran but provided nothing). Reload omni-ai on the browser’s extensions page, or reinstall it, then sign in again.',
    );
    // Vertex's service-account assertion is a provider's request: its answer shows Retry.
    expect(() => loadSdk('jose', 'vertex')).toThrow(/^omni-ai could not load its code for Google Vertex AI \(jose-sdk\.js: .*then press Retry\.$/);
  });
});

describe('importSdkScriptsOnInstall', () => {
  it('imports every SDK script when the worker installs, and none before', () => {
    const listeners: Record<string, () => void> = {};
    const importScripts = vi.fn();
    vi.stubGlobal('self', { addEventListener: (type: string, listener: () => void) => (listeners[type] = listener) });
    vi.stubGlobal('importScripts', importScripts);
    importSdkScriptsOnInstall();
    expect(importScripts).not.toHaveBeenCalled();
    listeners.install!();
    expect(importScripts).toHaveBeenCalledExactlyOnceWith(...Object.values(SDK_SCRIPT_PATHS));
    expect(Object.values(SDK_SCRIPT_PATHS).sort()).toEqual(['/anthropic-sdk.js', '/eventsource-sdk.js', '/eventstream-sdk.js', '/jose-sdk.js', '/openai-sdk.js', '/sign-in-flow.js']);
  });
});
