import { imageLabel, type ImageAttachment } from '@/lib/chat/image-attachment';
import { ImageThumbnail } from './ImageThumbnail';
import { t } from '@/lib/i18n/t';

/** The images sent with a question, as they went. */
export function MessageImages({ images }: { images: ImageAttachment[] }) {
  return (
    <div className="images" role="group" aria-label={t('images_sent')}>
      {images.map((image, i) => (
        <ImageThumbnail key={image.id} image={image} label={imageLabel(image, i)} />
      ))}
    </div>
  );
}
