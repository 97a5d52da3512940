// Finds a WebGPU adapter and describes it, or says in plain English why there is none.
export type AdapterProbe =
  | { ok: true; adapter: GPUAdapter; description: string; software: boolean }
  | { ok: false; reason: string };

const SOFTWARE_HINTS = /swiftshader|llvmpipe|lavapipe|software|microsoft basic render/i;

export function describeAdapter(info: GPUAdapterInfo | undefined): {
  description: string;
  software: boolean;
} {
  const parts = [info?.vendor, info?.architecture, info?.device, info?.description].filter((s) => !!s);
  const description = parts.length > 0 ? [...new Set(parts)].join(' · ') : 'unknown adapter';
  const software =
    SOFTWARE_HINTS.test(parts.join(' ')) ||
    (info as { isFallbackAdapter?: boolean })?.isFallbackAdapter === true;
  return { description, software };
}

export async function probeAdapter(gpu: GPU | undefined = globalThis.navigator?.gpu): Promise<AdapterProbe> {
  if (!gpu) return { ok: false, reason: 'this browser has no WebGPU (navigator.gpu is missing)' };
  let adapter: GPUAdapter | null = null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return { ok: false, reason: `requestAdapter failed: ${(e as Error).message}` };
  }
  if (!adapter)
    return {
      ok: false,
      reason: 'WebGPU is present but no adapter is available (blocked or unsupported GPU)',
    };
  return { ok: true, adapter, ...describeAdapter(adapter.info) };
}
