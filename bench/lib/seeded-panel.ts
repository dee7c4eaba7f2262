import { EXTENSION_DIR, launchExtension } from '../../test/e2e/harness/launch';

/**
 * For the history probes: launches the build in `PROBE_EXT` (else this checkout's) on the profile
 * seeded with the bench's 10,000 conversations (`PROBE_PROFILE`), and opens its side panel.
 */
export async function openSeededPanel() {
  const profile = process.env.PROBE_PROFILE;
  if (!profile) throw new Error('PROBE_PROFILE: a profile seeded by BENCH_ONLY=history BENCH_PROFILE=dir');
  const ext = await launchExtension(profile, process.env.PROBE_EXT ?? EXTENSION_DIR);
  // tsx (esbuild) names functions with a __name helper; the functions evaluated in the panel need it.
  await ext.context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const panel = await ext.openSidePanel();
  await panel.locator('#message').waitFor();
  return { ext, panel };
}
