// The explorer page: header (title, backend badge, share slot, presenter toggle), notices, the settings and
// playback on the side, and the panels. Panels have stable names (components/panels/names.ts) so
// `?embed=1&panels=depth,loss` shows just those, without controls.
import { type ComponentType, lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { BackendBadge } from './components/BackendBadge';
import { invalidateChartThemes } from './components/charts/useCanvasChart';
import { Controls } from './components/controls/Controls';
import { CsvDropOverlay } from './components/controls/CsvData';
import { Playback } from './components/controls/Playback';
import { TimeScrubber } from './components/controls/TimeScrubber';
import { Notices } from './components/Notices';
import { Boundary } from './components/panels/Boundary';
import { DepthProfile } from './components/panels/DepthProfile';
import { Heatmap } from './components/panels/Heatmap';
import { Histograms } from './components/panels/Histograms';
import { LayerTable } from './components/panels/LayerTable';
import { LossChart } from './components/panels/LossChart';
import { PANEL_NAMES, type PanelName } from './components/panels/names';
import { PhaseDiagram } from './components/panels/PhaseDiagram';
import { Spectrum } from './components/panels/Spectrum';
import { RunStatus } from './components/RunStatus';
import { useGuide } from './components/share/pageState';
import { ShareSlot } from './components/ShareSlots';
import { DEFAULT_EMBED_PANELS } from './engine/presets/pageUrl';
import { useUiStore } from './store/uiStore';

// The formula card (KaTeX) and compare mode load after the first paint.
const FormulaCard = lazy(() =>
  import('./components/formula/FormulaCard').then((m) => ({ default: m.FormulaCard })),
);
const ComparePanel = lazy(() =>
  import('./components/compare/ComparePanel').then((m) => ({ default: m.ComparePanel })),
);
// The trainability map loads with the lab view (or an embed of it).
const TrainMap = lazy(() => import('./components/panels/TrainMap').then((m) => ({ default: m.TrainMap })));

export const PANELS: Record<PanelName, ComponentType> = {
  depth: DepthProfile,
  heatmap: Heatmap,
  histograms: Histograms,
  loss: LossChart,
  table: LayerTable,
  boundary: Boundary,
  formula: FormulaCard,
  compare: ComparePanel,
  phase: PhaseDiagram,
  spectrum: Spectrum,
  map: TrainMap,
};

/** Page order: the story first (depth profile and why), then training, then the detail. */
const ORDER: PanelName[] = [
  'depth',
  'formula',
  'loss',
  'heatmap',
  'histograms',
  'boundary',
  'table',
  'phase',
  'spectrum',
  'compare',
];

/** The lab view (view=map): the map, then the theory that explains it, then the opened network. */
const MAP_ORDER: PanelName[] = ['map', 'phase', 'spectrum', 'depth', 'loss'];

function Panels({ names }: { names: readonly PanelName[] }) {
  return (
    <>
      {names.map((n) => {
        const P = PANELS[n];
        return (
          <Suspense key={n} fallback={<section className={`panel panel-${n}`} aria-busy="true" />}>
            <P />
          </Suspense>
        );
      })}
    </>
  );
}

/** Settings start folded on phones, so the depth profile is the first thing under the playback bar. */
function Settings({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(() => !window.matchMedia('(max-width: 760px)').matches);
  return (
    <details
      className="settings"
      open={open}
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
    >
      <summary>Settings</summary>
      {children}
    </details>
  );
}

function PresenterToggle() {
  const presenter = useUiStore((s) => s.presenter);
  const set = useUiStore((s) => s.set);
  return (
    <button
      type="button"
      aria-pressed={presenter}
      data-testid="presenter"
      onClick={() => set({ presenter: !presenter })}
    >
      {presenter ? 'Normal view' : 'Presenter view'}
    </button>
  );
}

function usePresenterClass(): void {
  const presenter = useUiStore((s) => s.presenter);
  useEffect(() => {
    // The type size changes the whole page's layout: do it at the start of the next frame, and redraw the
    // charts (new font sizes) in the frame after, so no single task carries all of it.
    const a = requestAnimationFrame(() => {
      document.documentElement.classList.toggle('presenter', presenter);
      b = requestAnimationFrame(invalidateChartThemes);
    });
    let b = 0;
    return () => {
      cancelAnimationFrame(a);
      cancelAnimationFrame(b);
    };
  }, [presenter]);
}

export interface AppProps {
  /** Embed mode: only these panels, no controls or header. */
  embed?: { panels: PanelName[] } | null;
}

export function App({ embed = null }: AppProps) {
  usePresenterClass();
  const view = useGuide((g) => g.view);
  if (embed) {
    const names: readonly PanelName[] = embed.panels.length > 0 ? embed.panels : DEFAULT_EMBED_PANELS;
    return (
      <div className="app embed">
        <Notices />
        <main className="panels" aria-label="InitScope charts">
          <Panels names={names} />
        </main>
        <footer className="embed-foot">
          <BackendBadge />
          <ShareSlot name="EmbedFooter" />
        </footer>
      </div>
    );
  }
  return (
    <div className="app">
      <header className="top">
        <div className="title">
          <h1>InitScope</h1>
          <p className="tagline">
            Why weight initialization decides whether a deep network trains — live, layer by layer.
          </p>
        </div>
        <div className="top-actions">
          <BackendBadge />
          <ShareSlot name="HeaderItems" />
          <PresenterToggle />
        </div>
      </header>
      <Notices />
      <CsvDropOverlay />
      <ShareSlot name="Intro" />
      <div className="layout">
        <aside className="side" aria-label="Settings and playback">
          <Playback />
          <TimeScrubber />
          <RunStatus />
          <Settings>
            <Controls />
          </Settings>
        </aside>
        <main className="panels">
          <Panels names={(view === 'map' ? MAP_ORDER : ORDER).filter((n) => PANEL_NAMES.includes(n))} />
        </main>
      </div>
      <footer className="foot">
        <p>
          Fashion-MNIST © Zalando Research (MIT). Statistics: population std over batch × units; theory is
          infinite-width mean field, valid at init. Definitions: docs/MATH.md in the InitScope source.
        </p>
      </footer>
      <ShareSlot name="Overlay" />
    </div>
  );
}
