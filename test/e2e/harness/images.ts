import type { Page } from '@playwright/test';

/** A picture made in the page: left half one colour, right half another, as a PNG or JPEG File. */
export interface Picture {
  width: number;
  height: number;
  left: string;
  right: string;
  type?: 'image/png' | 'image/jpeg';
  name?: string;
  /** The type the File claims, when it is not what its bytes are (a JPEG saved as .png). */
  label?: string;
}

/**
 * Pastes the pictures into the "Message" box as a user's clipboard would: a `paste` event whose
 * clipboardData holds them as Files (what Chrome hands a page when an image is pasted).
 */
export async function pasteImages(panel: Page, pictures: Picture[]): Promise<void> {
  await panel.getByRole('textbox', { name: 'Message' }).evaluate(async (box, pictures) => {
    const transfer = new DataTransfer();
    for (const p of pictures) {
      const canvas = new OffscreenCanvas(p.width, p.height);
      const context = canvas.getContext('2d')!;
      context.fillStyle = p.left;
      context.fillRect(0, 0, p.width / 2, p.height);
      context.fillStyle = p.right;
      context.fillRect(p.width / 2, 0, p.width / 2, p.height);
      const blob = await canvas.convertToBlob({ type: p.type ?? 'image/png' });
      transfer.items.add(new File([blob], p.name ?? 'image.png', { type: p.label ?? blob.type }));
    }
    box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, pictures);
}

/** Drops files onto the composer as a drag from the desktop would: dragover, then drop, with the Files. */
export async function dropFiles(panel: Page, files: { name: string; type: string; picture?: Picture; text?: string }[]): Promise<void> {
  await panel.locator('form.composer').evaluate(async (form, files) => {
    const transfer = new DataTransfer();
    for (const f of files) {
      let blob: Blob;
      if (f.picture) {
        const p = f.picture;
        const canvas = new OffscreenCanvas(p.width, p.height);
        const context = canvas.getContext('2d')!;
        context.fillStyle = p.left;
        context.fillRect(0, 0, p.width / 2, p.height);
        context.fillStyle = p.right;
        context.fillRect(p.width / 2, 0, p.width / 2, p.height);
        blob = await canvas.convertToBlob({ type: p.type ?? 'image/png' });
      } else blob = new Blob([f.text ?? ''], { type: f.type });
      transfer.items.add(new File([blob], f.name, { type: f.type }));
    }
    form.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    form.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, files);
}

/**
 * What an image the provider received shows, decoded by the browser (as the provider's decoder
 * would): its size, and its colour as #rrggbb at a quarter and three quarters of its width, or at
 * the points given, half-way down.
 */
export async function lookAt(
  page: Page,
  mediaType: string,
  data: string,
  at?: { left: number; right: number },
): Promise<{ width: number; height: number; left: string; right: string }> {
  return page.evaluate(
    async ({ mediaType, data, at }) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: mediaType }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const hex = (x: number) => {
        const [r, g, b] = context.getImageData(x, Math.floor(bitmap.height / 2), 1, 1).data;
        return `#${[r, g, b].map((v) => v!.toString(16).padStart(2, '0')).join('')}`;
      };
      const points = at ?? { left: Math.floor(bitmap.width / 4), right: Math.floor((bitmap.width * 3) / 4) };
      return { width: bitmap.width, height: bitmap.height, left: hex(points.left), right: hex(points.right) };
    },
    { mediaType, data, at },
  );
}
