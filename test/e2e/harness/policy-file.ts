import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { extensionIdFromKey } from './extension-id';

/**
 * Where Chromium on Linux reads machine policy (Google Chrome: /etc/opt/chrome/policies/managed).
 * Writing there needs root, which the tests have; set CHROMIUM_POLICY_DIR for another Chrome.
 */
export const POLICY_DIR = process.env.CHROMIUM_POLICY_DIR ?? '/etc/chromium/policies/managed';

export interface PolicyFile {
  /** Writes the policy for the extension, whole, in one rename: Chrome never reads half a file. */
  write: (policy: Record<string, unknown>) => Promise<void>;
  /** Removes the file (Chrome drops the policy within a second); no error if it is gone. */
  remove: () => Promise<void>;
}

/**
 * The machine-wide policy file of one extension ID, as an administrator writes it:
 * `{"3rdparty": {"extensions": {"<id>": {...}}}}`. Every Chromium on the machine reads every file
 * in POLICY_DIR, so each test writes a file of its own, for an ID of its own (keyedCopy below).
 */
export function policyFile(extensionId: string): PolicyFile {
  const file = path.join(POLICY_DIR, `omni-ai-e2e-${extensionId}.json`);
  // Beside the policy directory, not in it (Chrome would read it), on the same file system.
  const staging = path.join(path.dirname(POLICY_DIR), `.omni-ai-e2e-${extensionId}.json`);
  return {
    write: async (policy) => {
      await fs.mkdir(POLICY_DIR, { recursive: true });
      await fs.writeFile(staging, JSON.stringify({ '3rdparty': { extensions: { [extensionId]: policy } } }, null, 2));
      await fs.rename(staging, file);
    },
    remove: async () => {
      await fs.rm(file, { force: true });
      await fs.rm(staging, { force: true });
    },
  };
}

export interface KeyedCopy {
  dir: string;
  extensionId: string;
  remove: () => Promise<void>;
}

/**
 * The built extension, copied with a `key` of its own so that its ID is this test's alone. The
 * shipped key gives every copy of omni-ai on the machine one ID, so a policy file written for it
 * would also reach other test runs and any omni-ai a developer has open, and a file left behind by
 * a killed run would change them all. Only the manifest's key differs from the build.
 */
export async function keyedCopy(extensionDir: string): Promise<KeyedCopy> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'omni-ai-keyed-'));
  await fs.cp(extensionDir, dir, { recursive: true });
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(await fs.readFile(manifestPath, 'utf8')) as Record<string, unknown>;
  await fs.writeFile(manifestPath, JSON.stringify({ ...manifest, key }));
  return { dir, extensionId: extensionIdFromKey(key), remove: () => fs.rm(dir, { recursive: true, force: true }) };
}
