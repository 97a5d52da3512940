// The trainability map (Schoenholz et al. 2017): the explorer's network trained for real at every σ_w² ×
// depth of a grid, in lab workers — every cell at once on WebGPU (progress in steps, all cells at the end)
// or cell by cell on the CPU engine (cells filling in as they finish) — with theory's ξ_c and 6 ξ_c on
// top. Clicking a trained cell opens that network in the explorer.
import { useEffect, useRef, useState } from 'react';
import type { RunConfig } from '../../engine/config';
import { datasetShape } from '../../engine/data';
import {
  DEFAULT_MAP_LINK,
  MAP_MAX_LINK_STEPS,
  type MapLink,
  type MapMetric,
  mapCellConfig,
  mapToCsv,
  parseDepths,
  parseSw2,
  checkCellCount,
} from '../../engine/map';
import { encodePageQuery, resolvePageUrl } from '../../engine/presets/pageUrl';
import { useConfigStore } from '../../store/configStore';
import { mapGroupStatus, mapRun, mapTimeLeft, startMap, stopMap } from '../../store/lab';
import { cellAt, drawMap, mapBox } from '../charts/mapChart';
import { type Box, fmt } from '../charts/plot';
import { useCanvasChart } from '../charts/useCanvasChart';
import { useGuide } from '../share/pageState';
import { Panel } from './Panel';
import { useThrottled } from './useThrottled';

function writeMapToUrl(map: MapLink): void {
  const page = resolvePageUrl(window.location.search);
  const { config, compare } = useConfigStore.getState();
  const q = encodePageQuery({ ...page, config, compare: [...compare], map });
  window.history.replaceState(
    window.history.state,
    '',
    `${window.location.pathname}?${q}${window.location.hash}`,
  );
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 90 ? `${s} s` : `${Math.round(s / 60)} min`;
}

/** The settings a map's cells share (the cells set depth and the weight initializer themselves). */
const mapBase = (c: RunConfig) => JSON.stringify(mapCellConfig(c, 1, 1));

/** Whether the map on show is (being) trained from this config's shared settings and this grid. */
function sameMap(config: RunConfig, spec: MapLink): boolean {
  const m = mapRun.value;
  const sw2 = parseSw2(spec.sw2);
  return (
    m !== null &&
    m.status !== 'error' &&
    m.status !== 'stopped' &&
    sw2.ok &&
    m.steps === spec.steps &&
    m.sw2.join() === sw2.value.join() &&
    m.depths.join() === spec.depths &&
    mapBase(m.config) === mapBase(config)
  );
}

export function TrainMap() {
  const guide = useGuide();
  const [spec, setSpec] = useState<MapLink>(() => guide.map ?? { ...DEFAULT_MAP_LINK });
  const [error, setError] = useState<string | null>(null);
  const run = useThrottled(mapRun, () => mapRun.value, 250);
  const box = useRef<Box | null>(null);
  const classes = run ? datasetShape(run.config).classes : 3;
  const ref = useCanvasChart(
    (ctx, w, h, theme) => {
      box.current = mapBox(w, h, theme);
      drawMap(ctx, w, h, theme, mapRun.value, spec.metric, classes);
    },
    [mapRun],
    [spec.metric, classes],
  );

  const start = (spec: MapLink) => {
    const sw2 = parseSw2(spec.sw2);
    const depths = parseDepths(spec.depths);
    const msg = !sw2.ok ? sw2.message : !depths.ok ? depths.message : null;
    if (msg || !sw2.ok || !depths.ok) {
      setError(msg);
      return;
    }
    const tooMany = checkCellCount({ sw2: sw2.value, depth: depths.value });
    if (tooMany) {
      setError(tooMany);
      return;
    }
    setError(null);
    writeMapToUrl(spec);
    startMap(useConfigStore.getState().config, sw2.value, depths.value, spec.steps);
  };

  // A link with view=map (or an embed of this panel), and each preset or lesson step opened in the lab
  // view, trains its map — unless the map on show is already that one (lesson steps share a map).
  // biome-ignore lint/correctness/useExhaustiveDependencies: on opening only
  useEffect(() => {
    const next = guide.map ?? spec;
    if (guide.opened > 0) setSpec(next);
    if ((guide.view === 'map' || guide.embed) && !sameMap(useConfigStore.getState().config, next))
      start(next);
  }, [guide.opened]);
  // Leaving the lab view (a lesson's next step, say) stops a map in training: its workers would otherwise
  // keep the CPU from the explorer. The cells trained so far stay.
  useEffect(() => stopMap, []);

  const running = run?.status === 'running';
  const left = run ? mapTimeLeft(run) : null;
  const total = run ? run.cells.length : 0;
  // On WebGPU every cell (of a group) trains at once and they all finish together: the bar counts steps
  // until then, over the groups one after another where the grid is split.
  const bySteps = run?.engine === 'webgpu' && run.done < total;
  const groups = run?.gpuGroups ?? 1;
  const eta = running ? (left !== null ? `, about ${duration(left)} left` : ', estimating…') : '';
  const ending = running ? eta : run?.status === 'stopped' ? ', stopped' : ', done';
  return (
    <Panel
      name="map"
      title="Trainability map"
      help={
        <>
          Every cell is this network trained for real ({spec.steps} steps, same seed and data) with W ~ N(0,
          σ_w²/fan_in) in every layer, at its depth. Colour:{' '}
          {spec.metric === 'accuracy'
            ? 'training accuracy (white = chance, green = all correct)'
            : 'loss drop, 1 − loss/loss₀ (white = none)'}
          ; a black cell: the loss overflowed. Black bars mark each column's deepest trainable cell (accuracy
          at least halfway from chance to 1). Red lines: theory's ξ_c (solid) and 6 ξ_c (dashed) — Schoenholz
          et al. found networks train up to about 6 ξ_c. Click a trained cell to open that network.
        </>
      }
    >
      <div className="map-controls">
        <label>
          σ_w² from:to:columns{' '}
          <input
            value={spec.sw2}
            size={9}
            data-testid="map-sw2"
            onChange={(e) => setSpec({ ...spec, sw2: e.target.value })}
          />
        </label>
        <label>
          depths{' '}
          <input
            value={spec.depths}
            size={18}
            data-testid="map-depths"
            onChange={(e) => setSpec({ ...spec, depths: e.target.value })}
          />
        </label>
        <label>
          steps{' '}
          <input
            type="number"
            min={1}
            max={MAP_MAX_LINK_STEPS}
            value={spec.steps}
            data-testid="map-steps"
            onChange={(e) =>
              setSpec({
                ...spec,
                steps: Math.max(1, Math.min(MAP_MAX_LINK_STEPS, Math.round(Number(e.target.value) || 1))),
              })
            }
          />
        </label>
        <label>
          colour{' '}
          <select
            value={spec.metric}
            data-testid="map-metric"
            onChange={(e) => {
              const next = { ...spec, metric: e.target.value as MapMetric };
              setSpec(next);
              writeMapToUrl(next);
            }}
          >
            <option value="accuracy">accuracy</option>
            <option value="drop">loss drop</option>
          </select>
        </label>
        <button type="button" data-testid="map-start" onClick={() => start(spec)}>
          {run ? 'Train again' : 'Train map'}
        </button>
        <button type="button" data-testid="map-stop" disabled={!running} onClick={stopMap}>
          Stop
        </button>
        <button
          type="button"
          disabled={!run || run.done === 0}
          onClick={() => {
            if (!run) return;
            void import('../share/download').then(({ downloadText }) =>
              downloadText(mapToCsv(run.sw2, run.cells, run.theory), 'initscope-map.csv', 'text/csv'),
            );
          }}
        >
          CSV
        </button>
        <button
          type="button"
          disabled={!run || run.done === 0}
          onClick={(e) => {
            const panel = e.currentTarget.closest('section');
            if (!panel) return;
            void Promise.all([import('../share/chartPng'), import('../share/download')]).then(
              async ([{ panelToPng }, { downloadBlob }]) =>
                downloadBlob(await panelToPng(panel as HTMLElement, 'Trainability map'), 'initscope-map.png'),
            );
          }}
        >
          PNG
        </button>
      </div>
      {error && (
        <p className="caption error" role="alert">
          {error}
        </p>
      )}
      <div className="map-progress">
        <progress
          max={Math.max(1, bySteps ? (run?.steps ?? 1) * groups : total)}
          value={bySteps ? (run?.stepsDone ?? 0) : (run?.done ?? 0)}
          aria-label={
            bySteps
              ? `Steps trained (${groups > 1 ? 'group after group' : 'all cells at once'})`
              : 'Cells trained'
          }
          data-testid="map-progress"
        />
        <span data-testid="map-status">
          {!run
            ? 'Not trained yet.'
            : run.status === 'error'
              ? `Failed: ${run.message}`
              : bySteps
                ? groups > 1
                  ? `${mapGroupStatus(run)}, ${run.done} of ${total} cells${ending}`
                  : `step ${run.stepsDone} of ${run.steps}, all ${total} cells at once${ending}`
                : `${run.done} of ${total} cells${ending}`}
        </span>
      </div>
      {run?.engine && (
        <p className="caption" data-testid="map-engine">
          {run.engine === 'webgpu'
            ? groups > 1
              ? `Batched on WebGPU (${run.engineNote}) in ${groups} groups, as the grid does not fit at once: one dispatch per layer serves a group's cells.`
              : `Batched on WebGPU (${run.engineNote}): one dispatch per layer serves every cell.`
            : `CPU engine, cell by cell${run.engineNote ? `: ${run.engineNote}` : ''}.`}
        </p>
      )}
      <canvas
        ref={ref}
        className="chart chart-map"
        role="img"
        aria-label="Trainability map: training result per σ_w² and depth"
        data-testid="map-canvas"
        onClick={(e) => {
          const m = mapRun.value;
          if (!m || !box.current) return;
          const r = e.currentTarget.getBoundingClientRect();
          const at = cellAt(box.current, m, e.clientX - r.left, e.clientY - r.top);
          const cell = at ? m.cells[at.row * m.sw2.length + at.col] : null;
          if (!at || !cell) return;
          useConfigStore.getState().replaceConfig(mapCellConfig(m.config, cell.sw2, cell.depth));
          useConfigStore
            .getState()
            .notify(
              `Opened the map's cell σ_w² = ${fmt(cell.sw2, 3)}, depth ${cell.depth} (accuracy after ${m.steps} steps: ${fmt(cell.accuracy, 3)}).`,
            );
          document.querySelector('[data-panel="depth"]')?.scrollIntoView({ behavior: 'smooth' });
        }}
      />
      {run?.theory && (
        <p className="caption" data-testid="map-theory">
          ξ_c per column: {run.theory.xi_c.map((x) => (Number.isFinite(x) ? fmt(x, 2) : '∞')).join(', ')}
        </p>
      )}
    </Panel>
  );
}
