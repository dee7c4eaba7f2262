import type { ImageMediaType } from '../providers/image-media-types';
import { t } from '../i18n/t';

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

/**
 * The words a screen reader says for the image, and its tooltip; `remove`: the name of the button
 * that removes it ("Remove screenshot of …", its page's title in lower case as English always had).
 */
export function imageLabel(image: Pick<ImageAttachment, 'source' | 'fileName' | 'page'>, index: number, form: 'label' | 'remove' = 'label'): string {
  const remove = form === 'remove';
  const lower = (text: string) => (remove ? text.toLowerCase() : text);
  switch (image.source) {
    case 'screenshot': {
      const page = image.page?.title || image.page?.url;
      const of = page ? lower(page) : t(remove ? 'image_the_page_lower' : 'image_the_page');
      return t(remove ? 'images_remove_screenshot' : 'image_screenshot', of);
    }
    case 'dropped': {
      const number = String(index + 1);
      if (image.fileName) return t(remove ? 'images_remove_dropped_file' : 'image_dropped_file', number, lower(image.fileName));
      return t(remove ? 'images_remove_dropped' : 'image_dropped', number);
    }
    case 'pasted':
      return t(remove ? 'images_remove_pasted' : 'image_pasted', String(index + 1));
  }
}
