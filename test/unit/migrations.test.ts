import { describe, expect, it } from 'vitest';
import { migrateSettings } from '@/lib/settings/migrations';

describe('migrateSettings', () => {
  const steps = {
    1: (s: Record<string, unknown>) => ({ ...s, two: true }),
    2: (s: Record<string, unknown>) => ({ ...s, three: s.two === true }),
  };

  it('applies each step from the stored version up to the current one, in order', () => {
    expect(migrateSettings({ one: 1 }, 1, steps, 3)).toEqual({ ok: true, state: { one: 1, two: true, three: true } });
    expect(migrateSettings({ two: true }, 2, steps, 3)).toEqual({ ok: true, state: { two: true, three: true } });
  });

  it('refuses data from a newer version and says to update', () => {
    const result = migrateSettings({}, 4, steps, 3);
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/newer version.*update omni-ai to get them back/) });
  });

  it('reports a version it has no step for instead of throwing', () => {
    expect(migrateSettings({}, 0, steps, 3)).toMatchObject({ ok: false, reason: expect.stringMatching(/old format/) });
  });

  it('reports a step that throws instead of throwing', () => {
    const broken = { 1: () => { throw new Error('bad shape'); } };
    expect(migrateSettings({}, 1, broken, 2)).toMatchObject({ ok: false, reason: expect.stringMatching(/bad shape/) });
  });
});
