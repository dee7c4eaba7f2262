import { defineConfig, mergeConfig } from 'vitest/config';
import unit from '../../vitest.config.ts';

/**
 * The probes that time lib/ code in Node with the unit tests' set-up (the fake browser, i18n): run
 * one with `npx vitest run -c bench/probes/vitest.config.ts <name>`. Outside `npm test` and
 * `npm run bench`: a probe prints figures and asserts nothing.
 */
export default mergeConfig(unit, defineConfig({ test: { include: ['bench/probes/**/*.probe.ts'] } }), false);
