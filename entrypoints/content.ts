import { extractPage } from '@/lib/page/extract';

// Never declared in the manifest: the worker injects it into one tab, only when the user asks for
// that page ("Add page", "Ask omni-ai"), and it returns the page's text to the worker.
export default defineContentScript({
  registration: 'runtime',
  main() {
    return extractPage(document, location.href, window.getSelection()?.toString() ?? '');
  },
});
