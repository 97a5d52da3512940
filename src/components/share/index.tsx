// Share & teach, mounted by the explorer's ShareSlot (components/ShareSlots.tsx) and loaded lazily:
// header buttons (Copy link, Presets, Lessons, Embed, Export), the preset/lesson card above the panels,
// and the "open in InitScope" link of embeds.
import { useState } from 'react';
import { AutoPause } from './AutoPause';
import { CopyLink } from './CopyLink';
import { EmbedDialog, EmbedFooterLink } from './Embed';
import { ExportMenu } from './ExportMenu';
import { LessonsDialog, PresetsDialog } from './Gallery';
import { GuideCard } from './GuideCard';
import { registerOffline } from './registerOffline';
import './share.css';

registerOffline();

type Open = 'presets' | 'lessons' | 'embed' | null;

export function HeaderItems() {
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  return (
    <div className="share-bar" data-testid="share-bar">
      <button type="button" onClick={() => setOpen('presets')} data-testid="open-presets">
        Presets
      </button>
      <button type="button" onClick={() => setOpen('lessons')} data-testid="open-lessons">
        Lessons
      </button>
      <CopyLink />
      <button type="button" onClick={() => setOpen('embed')} data-testid="open-embed">
        Embed
      </button>
      <ExportMenu />
      <PresetsDialog open={open === 'presets'} onClose={close} />
      <LessonsDialog open={open === 'lessons'} onClose={close} />
      <EmbedDialog open={open === 'embed'} onClose={close} />
    </div>
  );
}

export function Intro() {
  return <GuideCard />;
}

export function EmbedFooter() {
  return (
    <>
      <EmbedFooterLink />
      <AutoPause />
    </>
  );
}

export function Overlay() {
  return <AutoPause />;
}
