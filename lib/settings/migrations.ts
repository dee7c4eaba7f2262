import { t } from '../i18n/t';
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
      reason: t('migrate_newer', String(fromVersion)),
    };
  let current = state;
  for (let version = fromVersion; version < toVersion; version++) {
    const step = steps[version];
    if (!step || typeof current !== 'object' || current === null)
      return {
        ok: false,
        reason: t('migrate_old', String(fromVersion)),
      };
    try {
      current = step(current as Record<string, unknown>);
    } catch (error) {
      return {
        ok: false,
        reason: t('migrate_failed', String(version), (error as Error).message),
      };
    }
  }
  return { ok: true, state: current };
}
