import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@/components/ui/theme.css';
import { syncSettingsAcrossPages } from '@/lib/settings/store';
import { App } from './App';

syncSettingsAcrossPages();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
