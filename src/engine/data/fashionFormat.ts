// Parser of the shipped Fashion-MNIST subset (written by scripts/convert-fashion.mjs):
//   header, 6 little-endian uint32: magic "FMN1" (0x314E4D46), nTrain, nTest, rows, cols, classes;
//   train pixels (nTrain·rows·cols uint8), train labels (nTrain uint8), test pixels, test labels.

export const FASHION_MAGIC = 0x314e4d46;
export const FASHION_HEADER_BYTES = 24;

export interface FashionRaw {
  rows: number;
  cols: number;
  classes: number;
  train: { pixels: Uint8Array; labels: Uint8Array; n: number };
  test: { pixels: Uint8Array; labels: Uint8Array; n: number };
}

export function parseFashion(bytes: Uint8Array): FashionRaw {
  if (bytes.byteLength < FASHION_HEADER_BYTES) throw new Error('Fashion-MNIST file is truncated (no header)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const head = (k: number) => view.getUint32(4 * k, true);
  if (head(0) !== FASHION_MAGIC) throw new Error('Not a Fashion-MNIST subset file (bad magic number)');
  const [nTrain, nTest, rows, cols, classes] = [head(1), head(2), head(3), head(4), head(5)];
  const size = rows * cols;
  const expected = FASHION_HEADER_BYTES + (nTrain + nTest) * (size + 1);
  if (bytes.byteLength !== expected)
    throw new Error(`Fashion-MNIST file has ${bytes.byteLength} bytes, expected ${expected}`);
  let off = FASHION_HEADER_BYTES;
  const take = (len: number) => {
    const part = bytes.subarray(off, off + len);
    off += len;
    return part;
  };
  const trainPixels = take(nTrain * size);
  const trainLabels = take(nTrain);
  const testPixels = take(nTest * size);
  const testLabels = take(nTest);
  return {
    rows,
    cols,
    classes,
    train: { pixels: trainPixels, labels: trainLabels, n: nTrain },
    test: { pixels: testPixels, labels: testLabels, n: nTest },
  };
}
