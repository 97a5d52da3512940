// Converts Debian's Fashion-MNIST (package dataset-fashion-mnist, MIT) into the compact subset the app
// ships: public/data/fashion-mnist-subset.bin. Run: `node scripts/convert-fashion.mjs [sourceDir]`.
//
// Selection is deterministic and class-balanced: the first TRAIN_PER_CLASS images of each class in the
// training file's order, and the first TEST_PER_CLASS of each class in the t10k file, kept in file order
// (the source files are already shuffled). The binary layout is parsed by src/engine/data/fashionFormat.ts:
//   header, 6 little-endian uint32: magic 0x314E4D46 ("FMN1"), nTrain, nTest, rows, cols, classes
//   then train pixels (nTrain·rows·cols uint8, row-major images), train labels (nTrain uint8),
//   then test pixels, test labels.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const SOURCE = process.argv[2] ?? '/usr/share/datasets/fashion-mnist';
const OUT_DIR = 'public/data';
const OUT_FILE = join(OUT_DIR, 'fashion-mnist-subset.bin');
const TRAIN_PER_CLASS = 1200;
const TEST_PER_CLASS = 200;
const CLASSES = 10;
const MAGIC = 0x314e4d46;

function readIdx(path, expectedMagic) {
  const bytes = gunzipSync(readFileSync(path));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  if (magic !== expectedMagic)
    throw new Error(`${path}: IDX magic ${magic.toString(16)}, expected ${expectedMagic.toString(16)}`);
  const dims = [];
  const nDims = magic & 0xff;
  for (let d = 0; d < nDims; d++) dims.push(view.getUint32(4 + 4 * d, false));
  return { dims, data: bytes.subarray(4 + 4 * nDims) };
}

function select(prefix, perClass) {
  const images = readIdx(join(SOURCE, `${prefix}-images-idx3-ubyte.gz`), 0x00000803);
  const labels = readIdx(join(SOURCE, `${prefix}-labels-idx1-ubyte.gz`), 0x00000801);
  const [count, rows, cols] = images.dims;
  if (labels.dims[0] !== count) throw new Error(`${prefix}: ${count} images but ${labels.dims[0]} labels`);
  const size = rows * cols;
  const taken = new Array(CLASSES).fill(0);
  const picked = [];
  for (let i = 0; i < count && picked.length < perClass * CLASSES; i++) {
    const y = labels.data[i];
    if (taken[y] < perClass) {
      taken[y]++;
      picked.push(i);
    }
  }
  if (picked.length !== perClass * CLASSES) throw new Error(`${prefix}: not enough images per class`);
  const pixels = new Uint8Array(picked.length * size);
  const ys = new Uint8Array(picked.length);
  picked.forEach((src, k) => {
    pixels.set(images.data.subarray(src * size, (src + 1) * size), k * size);
    ys[k] = labels.data[src];
  });
  return { n: picked.length, rows, cols, pixels, ys };
}

const train = select('train', TRAIN_PER_CLASS);
const test = select('t10k', TEST_PER_CLASS);
const header = new Uint32Array([MAGIC, train.n, test.n, train.rows, train.cols, CLASSES]);
// Uint32Array is little-endian on every platform Node runs on; the reader uses DataView with LE explicitly.
const parts = [new Uint8Array(header.buffer), train.pixels, train.ys, test.pixels, test.ys];
const total = parts.reduce((s, p) => s + p.length, 0);
const out = new Uint8Array(total);
let off = 0;
for (const p of parts) {
  out.set(p, off);
  off += p.length;
}
mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(OUT_FILE, out);
console.log(`wrote ${OUT_FILE}: ${train.n} train + ${test.n} test images, ${(total / 1e6).toFixed(2)} MB`);
