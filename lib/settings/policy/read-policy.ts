import { browser } from 'wxt/browser';
import { parsePolicy } from './parse-policy';
import type { ParsedPolicy } from './types';

/**
 * The administrator's policy, read fresh from `storage.managed` and validated. No policy reads as
 * an empty one: Chrome rejects the read when the manifest has no schema ("Managed storage manifest
 * not found"), Firefox when no policies.json names omni-ai, and some browsers have no managed area.
 */
export async function readPolicy(): Promise<ParsedPolicy> {
  let raw: unknown = {};
  try {
    raw = (await browser.storage.managed?.get()) ?? {};
  } catch {
    // No policy for omni-ai: nothing to apply, and nothing for the user to be told.
  }
  return parsePolicy(raw);
}
