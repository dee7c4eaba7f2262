import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@/components/ui/theme.css';
import { followPolicy } from '@/lib/settings/policy/policy-store';
import { syncSettingsAcrossPages } from '@/lib/settings/store';
import { App } from './App';

syncSettingsAcrossPages();
followPolicy();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
