import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ConfigEnv } from 'wxt';
import config from '@/wxt.config';
import { extensionIdFromKey } from '../../e2e/harness/extension-id';

const PUBLIC_KEY = fs
  .readFileSync(new URL('../../../keys/omni-ai.pub.pem', import.meta.url), 'utf8')
  .replace(/-----(BEGIN|END) PUBLIC KEY-----|\s/g, '');

async function manifest(env: Partial<ConfigEnv>): Promise<Record<string, unknown>> {
  const make = config.manifest as (env: ConfigEnv) => Record<string, unknown> | Promise<Record<string, unknown>>;
  return make({ browser: 'chrome', mode: 'production', command: 'build', manifestVersion: 3, ...env });
}

describe('the manifest key: a fixed ID for unpacked deployments, none in the store package', () => {
  it('is in the Chrome build, with the policy schema', async () => {
    expect(await manifest({})).toMatchObject({ key: PUBLIC_KEY, storage: { managed_schema: 'managed_schema.json' } });
    expect(await manifest({ mode: 'development', command: 'serve' })).toMatchObject({ key: PUBLIC_KEY });
  });

  it('is left out of the store package (npm run zip), which keeps the schema', async () => {
    const store = await manifest({ mode: 'store' });
    expect(store).not.toHaveProperty('key');
    expect(store).toMatchObject({ storage: { managed_schema: 'managed_schema.json' } });
    expect(JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')).scripts.zip).toBe('wxt zip --mode store');
  });

  it('is not in the Firefox build, whose ID is its gecko id', async () => {
    const firefox = await manifest({ browser: 'firefox' });
    expect(firefox).not.toHaveProperty('key');
    expect(firefox).toMatchObject({ browser_specific_settings: { gecko: { id: 'omni-ai@omni-ai.dev' } } });
  });

  it('gives the ID that docs/POLICY.md and the README name', () => {
    expect(extensionIdFromKey(PUBLIC_KEY)).toBe('ggklkfbejlpnfeahlphikfomomiokain');
    const docs = fs.readFileSync(new URL('../../../docs/POLICY.md', import.meta.url), 'utf8');
    expect(docs).toContain('ggklkfbejlpnfeahlphikfomomiokain');
  });
});
