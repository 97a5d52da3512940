// A conv network's initial parameters in the trainer's packed params buffer: sampled on the GPU with the
// conv fans and the CPU's Philox streams (init/layer.ts with the [out, in·k²] shape, the same layer
// counters as initializeConvNetwork), or the CPU engine's own draw uploaded (GpuTrainerOptions.init).
import type { RunConfig } from '../../engine/config';
import { buildGraph, weightOp } from '../../engine/graph';
import { initializeConvNetwork, type LayerParams, type WeightShape } from '../../engine/init';
import { withErrorScopes } from '../deviceErrors';
import { encodeLayerInit, InitEncoder } from '../init';
import type { ConvLayout } from './convLayout';

/** Per map (hidden convolutions, then the head): fans and W's matrix form, as initializeConvNetwork. */
function mapShapes(lay: ConvLayout) {
  const shapes: { fanIn: number; fanOut: number; shape: WeightShape }[] = lay.convs.map((c) => ({
    fanIn: c.Cin * c.k * c.k,
    fanOut: c.Cout * c.k * c.k,
    shape: { kind: 'conv', rows: c.Cout, cols: c.Cin * c.k * c.k },
  }));
  const N = lay.dims[1];
  shapes.push({ fanIn: N, fanOut: lay.C, shape: { kind: 'linear', rows: lay.C, cols: N } });
  return shapes;
}

export async function initConvParamsOnGpu(
  device: GPUDevice,
  config: Readonly<RunConfig>,
  params: GPUBuffer,
  lay: ConvLayout,
): Promise<void> {
  await withErrorScopes(
    device,
    async () => {
      const enc = new InitEncoder(device);
      try {
        mapShapes(lay).forEach(({ fanIn, fanOut, shape }, l) => {
          const W = { buffer: params, offset: lay.wOff[l] * 4, size: shape.rows * shape.cols * 4 };
          const b = { buffer: params, offset: lay.bOff[l] * 4, size: shape.rows * 4 };
          encodeLayerInit(enc, config, l, fanIn, fanOut, W, b, shape);
        });
        await enc.finish();
      } catch (e) {
        enc.dispose();
        throw e;
      }
    },
    'initializing the conv network on the GPU',
  );
}

/** The CPU engine's initial conv parameters (the reference draw). */
export function cpuConvParams(config: Readonly<RunConfig>): LayerParams[] {
  const graph = buildGraph(config);
  return initializeConvNetwork(config, [...graph.hidden.map(weightOp), graph.head], Float32Array);
}

export function uploadConvParams(
  device: GPUDevice,
  params: GPUBuffer,
  lay: ConvLayout,
  layers: readonly { W: Float32Array; b: Float32Array }[],
): void {
  const shapes = mapShapes(lay);
  if (layers.length !== shapes.length) throw new Error(`expected ${shapes.length} layers of parameters`);
  layers.forEach(({ W, b }, i) => {
    const { rows, cols } = shapes[i].shape;
    if (W.length !== rows * cols || b.length !== rows)
      throw new Error(`layer ${i + 1}: parameters do not match the conv network`);
    device.queue.writeBuffer(params, lay.wOff[i] * 4, W.buffer, W.byteOffset, W.byteLength);
    device.queue.writeBuffer(params, lay.bOff[i] * 4, b.buffer, b.byteOffset, b.byteLength);
  });
}
