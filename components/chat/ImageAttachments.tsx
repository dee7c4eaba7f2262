import { useDraftImages } from '@/lib/chat/draft-images';
import { imageLabel } from '@/lib/chat/image-attachment';
import { IMAGE_CAP_NOTE } from '@/lib/chat/image-limits';
import { ImageThumbnail } from './ImageThumbnail';
import { ErrorChip } from './ErrorChip';

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
        <section className="draft-images" aria-label="Attached images" aria-busy={preparing > 0}>
          <ul>
            {images.map((image, i) => (
              <li key={image.id}>
                <ImageThumbnail image={image} label={imageLabel(image, i)} />
                <button type="button" aria-label={`Remove ${imageLabel(image, i).toLowerCase()}`} onClick={() => remove(image.id)}>
                  ×
                </button>
              </li>
            ))}
          </ul>
          <p className="muted">{preparing > 0 ? 'Preparing the image…' : IMAGE_CAP_NOTE}</p>
        </section>
      )}
    </>
  );
}
