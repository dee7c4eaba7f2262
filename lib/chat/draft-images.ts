import { create } from 'zustand';
import { blobToBase64 } from './base64';
import type { ImageAttachment, ImageSource } from './image-attachment';
import { rememberImageData } from './image-data';
import { MAX_IMAGES_PER_MESSAGE } from './image-limits';
import { ImageNotUsable, prepareImage } from './prepare-image';
import { t } from '../i18n/t';

interface DraftImagesState {
  /** The images that will go with the next message, as thumbnails above the message box. */
  images: ImageAttachment[];
  /** Why the last images offered were not all attached: which file, why, and what to do. */
  error?: string;
  /** Files being scaled, so Send waits for them. */
  preparing: number;
  add: (files: Blob[], source: ImageSource, page?: ImageAttachment['page']) => Promise<void>;
  remove: (id: string) => void;
  dismissError: () => void;
  /** Hands the images to the message being sent and empties the draft. */
  take: () => ImageAttachment[];
  /** Puts back, first, the images of a question the worker refused, so nothing the user attached is lost. */
  restore: (images: ImageAttachment[]) => void;
}

const nameOf = (file: Blob) => (file instanceof File && file.name ? file.name : undefined);

/** Images waiting to be sent with the next message (lib/chat keeps them apart from the chat store). */
export const useDraftImages = create<DraftImagesState>()((set, get) => ({
  images: [],
  preparing: 0,
  add: async (offered, source, page) => {
    const problems: string[] = [];
    // Files typed as something else are not images; a file with no type may be (decoding decides).
    const files = offered.filter((file) => file.type.startsWith('image/') || file.type === '');
    for (const file of offered)
      if (!files.includes(file)) problems.push(nameOf(file) ? t('draft_not_image_named', nameOf(file)!) : t('draft_not_image'));
    const room = MAX_IMAGES_PER_MESSAGE - get().images.length - get().preparing;
    const taken = files.slice(0, Math.max(0, room));
    if (files.length > taken.length)
      problems.push(t('draft_too_many', MAX_IMAGES_PER_MESSAGE, files.length - taken.length));
    set((s) => ({ preparing: s.preparing + taken.length, error: undefined }));
    // Scaled side by side, attached in the order given (a large one takes longer than a small one).
    const prepared = await Promise.all(
      taken.map(async (file): Promise<ImageAttachment | undefined> => {
        try {
          const { blob, mediaType, width, height } = await prepareImage(file);
          rememberImageData(blob, await blobToBase64(blob));
          return { id: crypto.randomUUID(), mediaType, width, height, source, ...(nameOf(file) ? { fileName: nameOf(file) } : {}), ...(page ? { page } : {}), blob };
        } catch (error) {
          const why = error instanceof ImageNotUsable ? error.message : t('draft_unreadable', (error as Error).message);
          problems.push(nameOf(file) ? t('draft_not_added_named', nameOf(file)!, why) : t('draft_not_added', why));
          return undefined;
        }
      }),
    );
    const added = prepared.filter((image) => image !== undefined);
    set((s) => ({ images: [...s.images, ...added], preparing: s.preparing - taken.length }));
    if (problems.length) set({ error: problems.join(' ') });
  },
  remove: (id) => set((s) => ({ images: s.images.filter((image) => image.id !== id) })),
  dismissError: () => set({ error: undefined }),
  take: () => {
    const { images } = get();
    set({ images: [], error: undefined });
    return images;
  },
  restore: (images) => set((s) => ({ images: [...images, ...s.images.filter((image) => !images.some((back) => back.id === image.id))] })),
}));
