import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The ID Chrome gives an extension whose manifest has this `key` (base64 of the public key's DER
 * bytes): the first 32 hex digits of its SHA-256, each digit 0–f written as a letter a–p.
 */
export function extensionIdFromKey(key: string): string {
  const hex = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode('a'.charCodeAt(0) + parseInt(digit, 16))).join('');
}

/** The `key` of a built extension's manifest; throws when it has none (a store build). */
export function manifestKey(extensionDir: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')) as { key?: string };
  if (!manifest.key) throw new Error(`${extensionDir}/manifest.json has no "key": build with npm run build, not npm run zip`);
  return manifest.key;
}
