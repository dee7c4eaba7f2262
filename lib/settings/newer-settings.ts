import { create } from 'zustand';

/**
 * True while storage holds settings that a newer omni-ai wrote. They are kept for it (issue 10 §3):
 * changes made here live in this page's memory only, and nothing but an explicit "Replace with
 * defaults" writes over them.
 */
export const useNewerSettingsKept = create(() => false);

/** Why an explicit save is refused meanwhile, and what to do: the options forms show it after "Not saved: ". */
export const NEWER_SETTINGS_KEPT =
  'your saved settings are from a newer version of omni-ai and are kept until you choose. Update omni-ai to get them back, or press “Replace with defaults” (at the top of this page) and save again.';
