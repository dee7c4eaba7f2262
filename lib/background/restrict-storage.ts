/**
 * API keys, client secrets and private keys live in `storage.local`, which Chrome by default also lets
 * content scripts read. Content scripts run in the renderer of an untrusted web page, so restrict the
 * area to the extension's own pages and service worker. Chrome persists the level; setting it on every
 * worker start also covers a profile where it was never set. Firefox has no such setting (see
 * docs/OAUTH2_HYBRID_DESIGN.md, "Security model").
 */
export async function restrictStorageToTrustedContexts(): Promise<void> {
  const local = globalThis.chrome?.storage?.local;
  if (typeof local?.setAccessLevel !== 'function') return;
  await local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
}
