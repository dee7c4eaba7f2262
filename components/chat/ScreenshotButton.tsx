import { Camera } from 'lucide-react';
import { useState } from 'react';
import { browser } from 'wxt/browser';
import { base64ToBytes } from '@/lib/chat/base64';
import { useDraftImages } from '@/lib/chat/draft-images';
import { imageCapNote } from '@/lib/chat/image-limits';
import { sendMessage } from '@/lib/messaging/protocol';
import { IconButton } from '@/components/ui/IconButton';
import { t } from '@/lib/i18n/t';

/** The PNG a data URL holds, decoded here: no fetch, so nothing depends on `connect-src data:`. */
function pngOf(dataUrl: string): Blob {
  return new Blob([base64ToBytes(dataUrl.slice(dataUrl.indexOf(',') + 1))], { type: 'image/png' });
}

/** "Add screenshot": the worker captures the visible tab (with the page-reading checks); it is attached as an image. */
async function addScreenshot() {
  const { id } = await browser.windows.getCurrent();
  const result = await sendMessage('captureScreenshot', id!);
  if (!result.ok) {
    useDraftImages.setState({ error: result.message });
    return;
  }
  await useDraftImages.getState().add([pngOf(result.dataUrl)], 'screenshot', result.page);
}

export function ScreenshotButton() {
  const [capturing, setCapturing] = useState(false);
  return (
    <IconButton
      label={t('screenshot_add')}
      icon={Camera}
      tooltip="above"
      // The cap, as the accessible description (and the browser's tooltip on a longer hover).
      title={t('screenshot_tooltip', imageCapNote())}
      disabled={capturing}
      onClick={() => {
        setCapturing(true);
        void addScreenshot()
          .catch((error: Error) => useDraftImages.setState({ error: t('screenshot_failed', error.message) }))
          .finally(() => setCapturing(false));
      }}
    />
  );
}
