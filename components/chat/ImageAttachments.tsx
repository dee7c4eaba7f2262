import { useDraftImages } from '@/lib/chat/draft-images';
import { imageLabel } from '@/lib/chat/image-attachment';
import { imageCapNote } from '@/lib/chat/image-limits';
import { ImageThumbnail } from './ImageThumbnail';
import { ErrorChip } from './ErrorChip';
import { t } from '@/lib/i18n/t';

/**
 * The images that will go with the next message, each removable; the cap they were scaled to;
 * why an image was not added; and why the selected model cannot take them (`refusal`).
 */
export function ImageAttachments({ refusal }: { refusal?: string }) {
  const images = useDraftImages((s) => s.images);
  const preparing = useDraftImages((s) => s.preparing);
  const error = useDraftImages((s) => s.error);
  const remove = useDraftImages((s) => s.remove);
  const dismiss = useDraftImages((s) => s.dismissError);
  return (
    <>
      <ErrorChip error={error} onDismiss={dismiss} />
      {refusal && (
        <p className="alert" role="alert">
          {refusal}
        </p>
      )}
      {(images.length > 0 || preparing > 0) && (
        <section className="draft-images" aria-label={t('images_attached')} aria-busy={preparing > 0}>
          <ul>
            {images.map((image, i) => (
              <li key={image.id}>
                <ImageThumbnail image={image} label={imageLabel(image, i)} />
                <button type="button" aria-label={imageLabel(image, i, 'remove')} onClick={() => remove(image.id)}>
                  ×
                </button>
              </li>
            ))}
          </ul>
          <p className="muted">{preparing > 0 ? t('images_preparing') : imageCapNote()}</p>
        </section>
      )}
    </>
  );
}
