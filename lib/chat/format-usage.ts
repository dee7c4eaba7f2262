import type { Usage } from '../providers/types';

const count = (n: number) => n.toLocaleString('en-US');

/** "12 in · 340 out", from what the provider reported; undefined when it reported neither. */
export function formatUsage(usage: Usage | undefined): string | undefined {
  if (!usage) return undefined;
  const parts = [
    usage.inputTokens !== undefined && `${count(usage.inputTokens)} in`,
    usage.outputTokens !== undefined && `${count(usage.outputTokens)} out`,
  ].filter(Boolean);
  return parts.length ? `${parts.join(' · ')} tokens` : undefined;
}
