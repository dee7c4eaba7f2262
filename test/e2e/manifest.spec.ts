import fs from 'node:fs/promises';
import path from 'node:path';
import { SDK_SCRIPT_PATHS } from '../../lib/providers/sdk/sdk-scripts';
import { extensionIdFromKey, manifestKey } from './harness/extension-id';
import { expect, test } from './harness/fixtures';
import { EXTENSION_DIR } from './harness/launch';

test('asks for no more than the features need, and no host access until the user saves an endpoint', async ({
  extension,
}) => {
  const worker = await extension.serviceWorker();
  const manifest = await worker.evaluate(() => chrome.runtime.getManifest());
  expect([...(manifest.permissions ?? [])].sort()).toEqual(
    // unlimitedStorage: no install warning in Chrome, and it keeps conversations out of the browser's
    // eviction under storage pressure (README, "Where conversations are stored").
    ['activeTab', 'alarms', 'contextMenus', 'identity', 'scripting', 'sidePanel', 'storage', 'unlimitedStorage'].sort(),
  );
  expect(manifest.host_permissions ?? []).toEqual([]);
  expect(manifest.content_scripts ?? []).toEqual([]);
  expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*']);
  // A keyboard command opens the side panel (through the action, so it grants activeTab too).
  expect(manifest.commands).toEqual({ _execute_action: { suggested_key: { default: 'Alt+Shift+O' }, description: 'Open omni-ai' } });
  const commands = await worker.evaluate(() => chrome.commands.getAll());
  expect(commands.find((c) => c.name === '_execute_action')?.shortcut).toBe('Alt+Shift+O');
  const granted = await worker.evaluate(() => chrome.permissions.getAll());
  expect(granted.origins).toEqual([]);
});

test('has the fixed ID its manifest key gives, and declares the policy schema', async ({ extension }) => {
  // Computed, not written down: the same derivation an administrator's tooling can do (docs/POLICY.md).
  expect(extension.extensionId).toBe(extensionIdFromKey(manifestKey(EXTENSION_DIR)));
  const worker = await extension.serviceWorker();
  const manifest = await worker.evaluate(() => chrome.runtime.getManifest());
  expect(manifest.storage).toEqual({ managed_schema: 'managed_schema.json' });
  // With the schema, Chrome answers "no policy" with an empty area rather than an error.
  expect(await worker.evaluate(() => chrome.storage.managed.get())).toEqual({});
});

// Issue 13 §4: a stopped worker's start costs what its script weighs, read and compiled, used or not.
// The provider SDKs, jose (sign-in, Vertex's service account), Bedrock's event-stream decoder,
// Vertex's server-sent events parser and the interactive sign-in are scripts of their own
// (entrypoints/*-sdk.ts, sign-in-flow.ts), imported on first need; a value import of one anywhere in
// the worker's code would quietly bring it back into background.js.
test('the worker’s own script carries no provider SDK, jose, stream parser nor sign-in flow; each is a script of its own', async () => {
  // Strings each one's code holds: the header both Stainless-generated SDKs send on every request,
  // the code of jose's expired-token error, the event-stream codec's check of a frame's prelude, the
  // SSE parser's error for a bad `retry:` field, and PKCE's parameter in the sign-in's authorization
  // request (RFC 7636).
  const markers: Record<keyof typeof SDK_SCRIPT_PATHS, string> = {
    openai: 'X-Stainless-Lang',
    anthropic: 'X-Stainless-Lang',
    jose: 'ERR_JWT_EXPIRED',
    eventstream: 'prelude checksum',
    eventsource: 'invalid-retry',
    'sign-in': 'code_challenge_method',
  };
  const worker = await fs.readFile(path.join(EXTENSION_DIR, 'background.js'), 'utf8');
  for (const [name, script] of Object.entries(SDK_SCRIPT_PATHS) as [keyof typeof SDK_SCRIPT_PATHS, string][]) {
    expect(worker.includes(markers[name]), `background.js carries ${name}`).toBe(false);
    expect(await fs.readFile(path.join(EXTENSION_DIR, script), 'utf8'), script).toContain(markers[name]);
  }
});
