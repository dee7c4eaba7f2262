import { expect, test } from './harness/fixtures';

test('asks for no more than the features need, and no host access until the user saves an endpoint', async ({
  extension,
}) => {
  const worker = await extension.serviceWorker();
  const manifest = await worker.evaluate(() => chrome.runtime.getManifest());
  expect([...(manifest.permissions ?? [])].sort()).toEqual(
    ['activeTab', 'alarms', 'contextMenus', 'scripting', 'sidePanel', 'storage'].sort(),
  );
  expect(manifest.host_permissions ?? []).toEqual([]);
  expect(manifest.content_scripts ?? []).toEqual([]);
  expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*']);
  const granted = await worker.evaluate(() => chrome.permissions.getAll());
  expect(granted.origins).toEqual([]);
});
