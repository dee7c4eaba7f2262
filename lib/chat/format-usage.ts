import type { Usage } from '../providers/types';
import { t } from '../i18n/t';

/** "12 in · 340 out", from what the provider reported; undefined when it reported neither. */
export function formatUsage(usage: Usage | undefined): string | undefined {
  if (!usage) return undefined;
  const parts = [
    usage.inputTokens !== undefined && t('usage_in', usage.inputTokens),
    usage.outputTokens !== undefined && t('usage_out', usage.outputTokens),
  ].filter(Boolean);
  return parts.length ? t('usage_tokens', parts.join(' · ')) : undefined;
}
