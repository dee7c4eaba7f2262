import type { ImageMediaType } from '../providers/image-media-types';

/** How an image came into the conversation; it gives the image its text alternative. */
export type ImageSource = 'pasted' | 'dropped' | 'screenshot';

/**
 * An image attached to a user's message, stored with it in IndexedDB: the bytes as a Blob (not
 * base64 in the message text), already scaled to the cap (prepare-image.ts), with what the UI
 * needs to show and describe it.
 */
export interface ImageAttachment {
  id: string;
  mediaType: ImageMediaType;
  width: number;
  height: number;
  source: ImageSource;
  /** The file's name, for a pasted or dropped file that has one. */
  fileName?: string;
  /** For a screenshot: the page it shows. */
  page?: { title: string; url: string };
  blob: Blob;
}

/**
 * An image as it crosses the chat port. Chrome's extension messaging serialises as JSON (checked on
 * Chromium 156: a Blob arrives as `{}`), so the bytes travel as base64 and the worker makes the Blob
 * it stores.
 */
export type WireImage = Omit<ImageAttachment, 'blob'> & { data: string };

/** The words a screen reader says for the image, and its tooltip. */
export function imageLabel(image: Pick<ImageAttachment, 'source' | 'fileName' | 'page'>, index: number): string {
  switch (image.source) {
    case 'screenshot':
      return `Screenshot of ${image.page?.title || image.page?.url || 'the page'}`;
    case 'dropped':
      return `Dropped image ${index + 1}${image.fileName ? ` (${image.fileName})` : ''}`;
    case 'pasted':
      return `Pasted image ${index + 1}`;
  }
}
