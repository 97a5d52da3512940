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
  const download = async () => {
    const c = config();
    const { pytorchScript } = await generator();
    downloadText(pytorchScript(c), exportFileName(c, 'pytorch', 'py'), 'text/x-python');
    setStatus(c.data === 'local' ? 'Saved; run it with --csv your_file.csv' : 'Saved the script');
  };
  const copy = async (part: 'script' | 'init') => {
    const c = config();
    const g = await generator();
    const text = part === 'script' ? g.pytorchScript(c) : g.pytorchInitSnippet(c);
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
