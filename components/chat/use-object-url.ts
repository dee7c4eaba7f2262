import { useEffect, useState } from 'react';

/**
 * A `blob:` URL for a stored image, revoked when the image leaves the screen. Images are shown
 * from `blob:` (and `data:`) only: nothing a model or a page wrote can make the panel load a
 * remote image, which the CSP (`img-src 'self' data: blob:`) forbids too.
 */
export function useObjectUrl(blob: Blob): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    const created = URL.createObjectURL(blob);
    setUrl(created);
    return () => URL.revokeObjectURL(created);
  }, [blob]);
  return url;
}
