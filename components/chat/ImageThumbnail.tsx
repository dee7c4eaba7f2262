import type { ImageAttachment } from '@/lib/chat/image-attachment';
import { useObjectUrl } from './use-object-url';
import { t } from '@/lib/i18n/t';

/** One image, small, with its text alternative and its size in the tooltip. */
export function ImageThumbnail({ image, label }: { image: ImageAttachment; label: string }) {
  const url = useObjectUrl(image.blob);
  return (
    <img
      className="thumbnail"
      src={url}
      alt={label}
      title={t('image_size_tooltip', label, String(image.width), String(image.height))}
      width={image.width}
      height={image.height}
    />
  );
}
