import { create } from 'zustand';

/**
 * The text in the message box, shared so that a starter suggestion (or a quick action) can fill it;
 * the composer owns focus and sending.
 */
export const useComposerDraft = create<{ text: string; setText: (text: string) => void }>()((set) => ({
  text: '',
  setText: (text) => set({ text }),
}));
