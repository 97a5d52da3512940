// Your own data: open a CSV file (or drop one anywhere on the page), see what was read from it, pick the
// label column. The file is read in this tab and never uploaded; the link only says data=local. Errors are
// shown as text (they quote the file's cells) and leave the run as it was.
import { useEffect, useId, useRef, useState } from 'react';
import { CSV_LIMITS } from '../../engine/data/csvLimits';
import { useLocalData } from '../../store/localData';
import { SelectField } from './fields';

function classList(names: readonly string[]): string {
  const shown = names.slice(0, 4).join(', ');
  return names.length > 4 ? `${shown}, …` : shown;
}

function hasFiles(e: DragEvent): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes('Files');
}

/** Page-wide drop target: a CSV dropped anywhere loads (instead of the browser opening the file). */
export function useCsvDrop(): boolean {
  const [over, setOver] = useState(false);
  const loadFile = useLocalData((s) => s.loadFile);
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setOver(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const overHandler = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      const file = e.dataTransfer?.files[0];
      if (file) void loadFile(file);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', overHandler);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', overHandler);
      window.removeEventListener('drop', drop);
    };
  }, [loadFile]);
  return over;
}

export function CsvDropOverlay() {
  const over = useCsvDrop();
  return over ? (
    <div className="csv-drop-overlay" aria-hidden="true">
      <span>Drop a CSV file to train on it (it stays in this browser)</span>
    </div>
  ) : null;
}

export function CsvData() {
  const { summary, error, loadFile, setLabel, clearError } = useLocalData();
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const limits = `up to ${CSV_LIMITS.maxRows.toLocaleString('en-US')} rows, ${CSV_LIMITS.maxFeatures} numeric features and ${CSV_LIMITS.maxClasses} classes`;
  return (
    <div className="csv-data">
      <input
        ref={input}
        id={id}
        type="file"
        accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
        className="visually-hidden"
        aria-label="CSV file to train on"
        tabIndex={-1} // the visible button below opens it
        data-testid="csv-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = ''; // the same file chosen again (after editing it) loads again
          if (file) void loadFile(file);
        }}
      />
      <button type="button" data-testid="csv-open" onClick={() => input.current?.click()}>
        Open your CSV…
      </button>
      <p className="hint">
        Or drop it on the page. Numeric columns, the label last (or choose it), header optional; {limits}. The
        file stays in this browser.
      </p>
      {summary && (
        <>
          <p className="csv-summary" data-testid="csv-summary">
            <strong>{summary.fileName}</strong>: {summary.rows.toLocaleString('en-US')} rows,{' '}
            {summary.features} features, {summary.classNames.length} classes ({classList(summary.classNames)}
            ); train {summary.trainN.toLocaleString('en-US')} / test {summary.testN.toLocaleString('en-US')},
            standardized with the training rows.
          </p>
          <SelectField
            label="label column"
            value={String(summary.labelColumn + 1)}
            options={summary.columns.map((_, j) => String(j + 1))}
            labels={Object.fromEntries(summary.columns.map((c, j) => [String(j + 1), c]))}
            testId="csv-label"
            onChange={(v) => void setLabel(v)}
          />
        </>
      )}
      {error && (
        <div className="csv-error" role="alert" data-testid="csv-error">
          <p>{error}</p>
          <button type="button" onClick={clearError}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
