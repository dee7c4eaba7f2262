import { SETTINGS_VERSION } from './schema';

/**
 * Steps that turn stored settings of version N into version N + 1, keyed by N. When the shape in
 * schema.ts changes: bump SETTINGS_VERSION and add the step here, with a test.
 */
export const MIGRATIONS: Record<number, (state: Record<string, unknown>) => Record<string, unknown>> = {};

export type MigrationResult =
  | { ok: true; state: unknown }
  | { ok: false; reason: string };

/**
 * Never throws: zustand's persist middleware leaves a store un-hydrated forever when `migrate`
 * throws, which would be a blank page. A failure is reported and the caller falls back to defaults.
 */
export function migrateSettings(
  state: unknown,
  fromVersion: number,
  steps = MIGRATIONS,
  toVersion = SETTINGS_VERSION,
): MigrationResult {
  if (fromVersion > toVersion)
    return {
      ok: false,
      reason: `Your settings were saved by a newer version of omni-ai (format ${fromVersion}) and could not be read; defaults are in use. They stay stored, untouched: update omni-ai to get them back.`,
    };
  let current = state;
  for (let version = fromVersion; version < toVersion; version++) {
    const step = steps[version];
    if (!step || typeof current !== 'object' || current === null)
      return {
        ok: false,
        reason: `Your settings were saved in an old format (${fromVersion}) that this version cannot convert; defaults are in use. Enter your settings again.`,
      };
    try {
      current = step(current as Record<string, unknown>);
    } catch (error) {
      return {
        ok: false,
        reason: `Your settings could not be converted from format ${version} (${(error as Error).message}); defaults are in use.`,
      };
    }
  }
  return { ok: true, state: current };
}
