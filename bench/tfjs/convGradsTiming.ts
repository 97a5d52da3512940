// Times TF.js's two forms of each conv gradient on its cpu and wasm backends in Node, on the conv row's
// shapes (batch 32, 28 × 28, 16 → 16 channels, k = 3), to choose CONV_GRADS (cnn.ts):
//   npx tsx bench/tfjs/convGradsTiming.ts [repeats]
// The forms give the same numbers (cnn.test.ts); only their speed differs. WebGPU is tuned on the bench
// page instead (npm run bench -- --only tfjs_webgpu --tf-conv-grads …).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { filterGradAsConv, inputGradAsConv } from './cnn';

const repeats = Number(process.argv[2] ?? 3);
const [B, S, C, k] = [32, 28, 16, 3];

async function ms(f: () => tf.Tensor, n: number): Promise<number> {
  const warm = tf.tidy(f);
  await warm.data();
  warm.dispose();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const t = tf.tidy(f);
    await t.data();
    t.dispose();
  }
  return (performance.now() - t0) / n;
}

for (const backend of ['wasm', 'cpu'] as const) {
  tf.env().set('IS_NODE', backend === 'wasm'); // the wasm backend reads its binary from disk in Node
  await tf.setBackend(backend);
  const x = tf.randomNormal([B, S, S, C], 0, 1, 'float32', 1) as tf.Tensor4D;
  const dy = tf.randomNormal([B, S, S, C], 0, 1, 'float32', 2) as tf.Tensor4D;
  const W = tf.randomNormal([k, k, C, C], 0, 1, 'float32', 3) as tf.Tensor4D;
  const n = repeats;
  const row: string[] = [];
  row.push(`forward conv2d ${(await ms(() => tf.conv2d(x, W, 1, 'same'), n)).toFixed(1)}`);
  row.push(
    `input: conv2dTranspose ${(await ms(() => tf.conv2dTranspose(dy, W, [B, S, S, C], 1, 'same'), n)).toFixed(1)}`,
  );
  row.push(`input: flipped conv ${(await ms(() => inputGradAsConv(dy, W), n)).toFixed(1)}`);
  if (tf.getKernel('Conv2DBackpropFilter', backend)) {
    const kernel = () =>
      tf
        .engine()
        .runKernel(
          'Conv2DBackpropFilter',
          { x, dy },
          { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [k, k, C, C] },
        ) as tf.Tensor;
    row.push(`filter: Conv2DBackpropFilter ${(await ms(kernel, 1)).toFixed(1)}`);
  } else row.push('filter: no Conv2DBackpropFilter kernel');
  row.push(`filter: as a conv ${(await ms(() => filterGradAsConv(x, dy, k), n)).toFixed(1)}`);
  console.log(`${backend} (ms per call): ${row.join(', ')}`);
  tf.dispose([x, dy, W]);
}
