import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@/components/ui/theme.css';
import { receivePendingContext } from '@/lib/chat/receive-pending-context';
import { useChat } from '@/lib/chat/chat-store';
import { followPolicy } from '@/lib/settings/policy/policy-store';
import { syncSettingsAcrossPages } from '@/lib/settings/store';
import { App } from './App';
import { t } from '@/lib/i18n/t';

// The page is in the language of the messages the browser picked: screen readers pronounce it so.
document.documentElement.lang = t('locale');
syncSettingsAcrossPages();
followPolicy();
// What "Ask omni-ai" left is taken once the latest conversation is on screen, not raced by it.
void receivePendingContext(useChat.getState().loadLatest());
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
