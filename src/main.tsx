import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AdapterStatus } from './components/AdapterStatus';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <main>
      <h1>InitScope</h1>
      <AdapterStatus />
    </main>
  </StrictMode>,
);
