import { useEffect, useState } from 'react';
import { probeAdapter } from '../gpu/adapter';
import { runAffine } from '../gpu/rig';

// Placeholder status line until the explorer lands: which adapter, and a real kernel round trip.
export function AdapterStatus() {
  const [text, setText] = useState('Looking for a WebGPU adapter…');
  useEffect(() => {
    let live = true;
    (async () => {
      const probe = await probeAdapter();
      if (!probe.ok) return live && setText(`No WebGPU: ${probe.reason}. The CPU engine will be used.`);
      const device = await probe.adapter.requestDevice();
      const y = await runAffine(device, new Float32Array([1, 2, 3]), 2, 1);
      device.destroy();
      if (live)
        setText(
          `WebGPU adapter: ${probe.description}${probe.software ? ' (software)' : ''}; kernel check ${Array.from(y).join(',')}`,
        );
    })().catch((e) => live && setText(`WebGPU error: ${(e as Error).message}`));
    return () => {
      live = false;
    };
  }, []);
  return <p data-testid="adapter-status">{text}</p>;
}
