import { useState, type ClipboardEvent, type DragEvent } from 'react';
import { useDraftImages } from '@/lib/chat/draft-images';

/**
 * Paste and drop of images onto the composer. Only files are taken: a dropped link or an `<img>`
 * dragged from a page by its address is never fetched (the extension sends no request a page asked
 * for). Text pastes as usual.
 */
export function useImageInput() {
  const [dragging, setDragging] = useState(false);
  const add = useDraftImages((s) => s.add);
  const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');
  return {
    dragging,
    onPaste: (event: ClipboardEvent) => {
      const files = [...event.clipboardData.files];
      if (files.length) void add(files, 'pasted');
    },
    onDragOver: (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault(); // lets the drop happen here instead of the browser opening the file
      event.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    },
    onDragLeave: () => setDragging(false),
    onDrop: (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      setDragging(false);
      void add([...event.dataTransfer.files], 'dropped');
    },
  };
}
