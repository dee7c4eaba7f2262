import { create } from 'zustand';
import { onPolicyChange } from './on-policy-change';
import { readPolicy } from './read-policy';
import { NO_POLICY, type ParsedPolicy } from './types';

interface PolicyState extends ParsedPolicy {
  /** True once the policy has been read: pages wait for it rather than flash a hidden provider. */
  loaded: boolean;
}

/** The administrator's policy as this page last read it. Read-only: only the administrator changes it. */
export const usePolicy = create<PolicyState>(() => ({ ...NO_POLICY, loaded: false }));

/**
 * Reads the policy now and again whenever it changes, so every open page follows it without a
 * reload. Reads may overlap; only the latest one's result is kept. Returns the function that stops.
 */
export function followPolicy(): () => void {
  let latest = 0;
  const load = async () => {
    const read = ++latest;
    const parsed = await readPolicy();
    if (read === latest) usePolicy.setState({ ...parsed, loaded: true });
  };
  const stop = onPolicyChange(() => void load());
  void load();
  return stop;
}
