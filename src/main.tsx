// Entry: read the URL into the stores, start the training worker, install window.initscope, render.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { parsePanels } from './components/panels/names';
import { armStopAt, initRuntime } from './store/runtime';
import { installScriptingHandle } from './store/scriptingHandle';
import { loadFromUrl, syncUrl } from './store/urlSync';
import './styles/app.css';

const page = loadFromUrl(window.location.search);
installScriptingHandle();
// Armed before the first run starts: the share features that also arm it load later, and a small network
// trains past a link's steps=N in its first chunk (the worker never rewinds a run that is already past).
if (page.steps !== undefined) armStopAt(page.steps);
initRuntime();
syncUrl();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App embed={page.embed ? { panels: parsePanels(page.panels.join(',')) } : null} />
  </StrictMode>,
);
