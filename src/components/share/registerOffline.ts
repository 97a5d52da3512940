// Registers the service worker that vite-plugin-pwa generates into dist/ (see vite.config.ts), so the
// page keeps working offline after the first visit. Only in builds (the dev server has no sw.js), and a
// failed registration (no HTTPS, private mode, a host that mangles sw.js) costs only the offline mode.
export function registerOffline(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () =>
    navigator.serviceWorker.register('./sw.js', { scope: './' }).catch((e: unknown) => {
      console.info('InitScope: offline mode unavailable:', e instanceof Error ? e.message : String(e));
    });
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
