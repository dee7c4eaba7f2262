import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@/components/ui/theme.css';
import { followPolicy } from '@/lib/settings/policy/policy-store';
import { syncSettingsAcrossPages } from '@/lib/settings/store';
import { App } from './App';
import { t } from '@/lib/i18n/t';

// The page is in the language of the messages the browser picked: screen readers pronounce it so.
document.documentElement.lang = t('locale');
document.title = t('options_title');
syncSettingsAcrossPages();
followPolicy();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
