// Mount points for the share & teach features (src/components/share/, another module). If
// src/components/share/index.tsx exists, it is loaded lazily (outside the initial bundle) and may export:
//   HeaderItems  — rendered in the page header (e.g. Copy link, presets, lessons, export);
//   Intro        — rendered under the notices, above the panels (the preset's or lesson step's text);
//   EmbedFooter  — rendered under the panels in embed mode (e.g. "open in InitScope");
//   Overlay      — rendered once at the end of the page (dialogs).
// import.meta.glob resolves to {} when the file is absent, so the explorer builds without it.
import { type ComponentType, useEffect, useState } from 'react';

export interface ShareModule {
  HeaderItems?: ComponentType;
  Intro?: ComponentType;
  EmbedFooter?: ComponentType;
  Overlay?: ComponentType;
}

const found = import.meta.glob<ShareModule>('./share/index.tsx');
let loading: Promise<ShareModule | null> | null = null;

function loadShare(): Promise<ShareModule | null> {
  const load = Object.values(found)[0];
  loading ??= load
    ? load().catch((e) => {
        console.error('share features failed to load', e);
        return null;
      })
    : Promise.resolve(null);
  return loading;
}

function useShare(): ShareModule | null {
  const [mod, setMod] = useState<ShareModule | null>(null);
  useEffect(() => {
    let live = true;
    loadShare().then((m) => live && setMod(m));
    return () => {
      live = false;
    };
  }, []);
  return mod;
}

export function ShareSlot({ name }: { name: keyof ShareModule }) {
  const mod = useShare();
  const C = mod?.[name];
  return C ? <C /> : null;
}
