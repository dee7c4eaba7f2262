import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach } from 'vitest';

/**
 * Before each test of the calling file, a fresh React root in a container attached to the document,
 * handed to `use`; after it, the root unmounted and the container removed, so no test sees another's
 * DOM.
 */
export function reactRootPerTest(use: (container: HTMLDivElement, root: Root) => void): void {
  let container: HTMLDivElement;
  let root: Root;
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
    use(container, root);
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });
}
