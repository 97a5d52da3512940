// Export: the stats history as CSV (every run, one row per record × layer) or as JSON in the CLI's schema
// (one file per run), the run as a PyTorch script, and each chart as a PNG.
import { useState } from 'react';
import { recordsToCsv, runsToCsv } from '../../engine/export/csv';
import { exportFileName } from '../../engine/export/filename';
import { toExportJson } from '../../engine/export/json';
import { slotConfigs, useConfigStore } from '../../store/configStore';
import { histories } from '../../store/runtime';
import { useRunStore } from '../../store/runStore';
import { chartPanels, panelToPng } from './chartPng';
import { downloadBlob, downloadText } from './download';
import { useGuide } from './pageState';
import { PytorchExport } from './PytorchExport';

function runs() {
  const { config, compare, notices } = useConfigStore.getState();
  const slots = useRunStore.getState().slots;
  const labels = useGuide.getState().labels;
  return slotConfigs(config, compare).map((c, i) => ({
    config: c,
    label:
      labels?.[i] ??
      (i === 0 ? `run 1 (${c.init})` : `run ${i + 1} (${c.init}${c.act !== config.act ? `, ${c.act}` : ''})`),
    notices: i === 0 ? notices.map((n) => n.text) : [],
    backend: slots[i]?.backend ?? { kind: 'cpu' as const },
    records: histories[i]?.toRecords() ?? [],
  }));
}

export function ExportMenu() {
  // What the menu lists is read when it opens: the charts on the page and the runs being compared.
  const [charts, setCharts] = useState<{ name: string; title: string }[]>([]);
  const [extraRuns, setExtraRuns] = useState<string[]>([]);
  const [error, setError] = useState('');
  const all = runs;
  const csv = () => {
    const rs = all();
    const text = rs.length > 1 ? runsToCsv(rs) : recordsToCsv(rs[0].records);
    downloadText(text, exportFileName(rs[0].config, rs.length > 1 ? 'compare' : 'stats', 'csv'), 'text/csv');
  };
  const json = (i: number) => {
    const r = all()[i];
    const text = toExportJson({
      config: r.config,
      notices: r.notices,
      backend: r.backend,
      records: r.records,
    });
    downloadText(
      text,
      exportFileName(r.config, i === 0 ? 'stats' : `run${i + 1}`, 'json'),
      'application/json',
    );
  };
  const png = async (name: string) => {
    const p = chartPanels().find((x) => x.name === name);
    if (!p) return;
    try {
      // Charts draw only while on screen: bring the panel into view and let it paint first.
      p.el.scrollIntoView({ block: 'nearest' });
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const blob = await panelToPng(p.el, p.title);
      downloadBlob(blob, exportFileName(useConfigStore.getState().config, name, 'png'));
      setError('');
    } catch (e) {
      setError(`PNG failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <details
      className="share-menu"
      data-testid="export-menu"
      onToggle={(e) => {
        if (!(e.target as HTMLDetailsElement).open) return;
        setCharts(chartPanels().map(({ name, title }) => ({ name, title })));
        setExtraRuns(
          all()
            .slice(1)
            .map((r) => r.label),
        );
      }}
    >
      <summary>Export</summary>
      <div className="share-menu-items">
        <button type="button" onClick={csv} data-testid="export-csv">
          Statistics (CSV)
        </button>
        <button type="button" onClick={() => json(0)} data-testid="export-json">
          Statistics (JSON, CLI schema)
        </button>
        {extraRuns.map((label, k) => (
          <button type="button" key={label} onClick={() => json(k + 1)}>
            JSON · {label}
          </button>
        ))}
        <PytorchExport />
        {charts.map((c) => (
          <button type="button" key={c.name} onClick={() => png(c.name)} data-testid={`export-png-${c.name}`}>
            {c.title} (PNG)
          </button>
        ))}
        {error && <p role="alert">{error}</p>}
      </div>
    </details>
  );
}
