// "Copy as PyTorch": the current run as one self-contained Python script (download or clipboard), and the
// initializer alone as a weights_init(m) snippet. The generator loads on first use. Where the clipboard is
// refused (plain http, permissions) the script is downloaded instead and the status says so.
import { useEffect, useState } from 'react';
import { exportFileName } from '../../engine/export/filename';
import { useConfigStore } from '../../store/configStore';
import { downloadText } from './download';

const generator = () => import('../../engine/export/pytorch');

export function PytorchExport() {
  const [status, setStatus] = useState('');
  useEffect(() => {
    if (!status) return;
    const t = setTimeout(() => setStatus(''), 4000);
    return () => clearTimeout(t);
  }, [status]);

  const config = () => useConfigStore.getState().config;
  // A network the generator cannot write (conv: the script is MLP-only) says why in the status line.
  const scriptOrStatus = (make: () => string): string | null => {
    try {
      return make();
    } catch (e) {
      setStatus(`Not exported: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
  };
  const download = async () => {
    const c = config();
    const { pytorchScript } = await generator();
    const script = scriptOrStatus(() => pytorchScript(c));
    if (script === null) return;
    downloadText(script, exportFileName(c, 'pytorch', 'py'), 'text/x-python');
    setStatus(c.data === 'local' ? 'Saved; run it with --csv your_file.csv' : 'Saved the script');
  };
  const copy = async (part: 'script' | 'init') => {
    const c = config();
    const g = await generator();
    const text = scriptOrStatus(() => (part === 'script' ? g.pytorchScript(c) : g.pytorchInitSnippet(c)));
    if (text === null) return;
    try {
      await navigator.clipboard.writeText(text);
      setStatus(part === 'script' ? 'PyTorch script copied' : 'weights_init copied');
    } catch {
      downloadText(
        text,
        exportFileName(c, part === 'script' ? 'pytorch' : 'weights_init', 'py'),
        'text/x-python',
      );
      setStatus('The clipboard is not available here; saved as a file instead');
    }
  };
  return (
    <>
      <button type="button" onClick={() => void download()} data-testid="export-pytorch">
        PyTorch script (.py)
      </button>
      <button type="button" onClick={() => void copy('script')} data-testid="copy-pytorch">
        Copy as PyTorch
      </button>
      <button type="button" onClick={() => void copy('init')} data-testid="copy-weights-init">
        Copy weights_init (init only)
      </button>
      <p className="share-status" role="status" aria-live="polite" data-testid="pytorch-status">
        {status}
      </p>
    </>
  );
}
