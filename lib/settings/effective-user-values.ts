/**
 * A provider config edited on the options page, made fit to store: every field policy locks keeps
 * the user's stored value, so a policy value never lands in storage.local.
 */
export function withUserValuesForLocked<C extends object>(edited: C, stored: C, locked: readonly string[] = []): C {
  const result = { ...edited } as Record<string, unknown>;
  for (const key of locked) result[key] = (stored as Record<string, unknown>)[key];
  return result as C;
}
