import type { ImageAttachment } from '@/lib/chat/image-attachment';
import { useObjectUrl } from './use-object-url';

/** One image, small, with its text alternative and its size in the tooltip. */
export function ImageThumbnail({ image, label }: { image: ImageAttachment; label: string }) {
  const url = useObjectUrl(image.blob);
  return (
    <img
      className="thumbnail"
      src={url}
      alt={label}
      title={`${label} · ${image.width} × ${image.height} px`}
      width={image.width}
      height={image.height}
    />
  );
}
