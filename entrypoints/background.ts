import { openPanelOnActionClick } from '@/lib/background/open-panel-on-action';
import { restrictStorageToTrustedContexts } from '@/lib/background/restrict-storage';

export default defineBackground(() => {
  void restrictStorageToTrustedContexts();
  openPanelOnActionClick();
});
