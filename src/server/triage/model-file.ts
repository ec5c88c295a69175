/**
 * The file format of the trained linear models shipped with the engine (`*.model.bin`).
 *
 * Why not JSON: parsing 8.6 MB of JSON numbers into 155,000 small arrays took a third of `pivot triage`'s start-up,
 * and the arrays were then copied into the flat table the prediction reads. Here the weights are one block of
 * int32 (value × 10,000: the JSON already rounded them to 4 decimals, so the doubles are bit-for-bit the same:
 * `n / 1e4` and `parseFloat("0.1234")` are both the double nearest to n / 10,000), read as a typed-array view.
 *
 * Layout (little-endian): "PVTM" + version (uint32) + header length (uint32) + header JSON (UTF-8:
 * classes, bias, meta, vocabulary size and byte length) + vocabulary (UTF-8, one feature name per line) + padding
 * to 4 bytes + rows, one per feature: idf, then one weight per class.
 */
import type { LinearModel } from './classifier.js';

const MAGIC = 'PVTM';
const VERSION = 1;
const SCALE = 1e4;

interface Header {
  classes: string[];
  bias: number[];
  meta?: Record<string, string | number>;
  vocabSize: number;
  vocabBytes: number;
}

const round = (v: number): number => Math.round(v * SCALE);

export function encodeModel(model: LinearModel): Buffer {
  const C = model.classes.length;
  const vocabText = Buffer.from(model.vocab.join('\n'), 'utf8');
  if (model.vocab.some((k) => k.includes('\n'))) throw new Error('a feature name contains a line break');
  const header: Header = { classes: model.classes, bias: model.bias.map((b) => round(b) / SCALE), meta: model.meta, vocabSize: model.vocab.length, vocabBytes: vocabText.length };
  const headerText = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = 12 + headerText.length + vocabText.length;
  const pad = (4 - (prefix % 4)) % 4;
  const rows = new Int32Array(model.vocab.length * (C + 1));
  for (let i = 0; i < model.vocab.length; i++) {
    rows[i * (C + 1)] = round(model.idf[i] as number);
    const w = model.weights[i] as number[];
    for (let c = 0; c < C; c++) {
      const v = round(w[c] as number);
      if (Math.abs(v) > 2 ** 31 - 1) throw new Error('weight out of range');
      rows[i * (C + 1) + 1 + c] = v;
    }
  }
  const out = Buffer.alloc(prefix + pad + rows.byteLength);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(VERSION, 4);
  out.writeUInt32LE(headerText.length, 8);
  headerText.copy(out, 12);
  vocabText.copy(out, 12 + headerText.length);
  Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength).copy(out, prefix + pad);
  return out;
}

/**
 * A model read from its file. `packed` is the flat table the prediction reads (`compiled-model.ts`); `idf` and
 * `weights` (training's shape, used only by the bench and the explanations) are built from it on first use.
 */
export function decodeModel(buf: Uint8Array): LinearModel {
  const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (bytes.toString('latin1', 0, 4) !== MAGIC) throw new Error('not a Pivot model file');
  if (bytes.readUInt32LE(4) !== VERSION) throw new Error(`unknown model file version ${bytes.readUInt32LE(4)}`);
  const headerLength = bytes.readUInt32LE(8);
  const header = JSON.parse(bytes.toString('utf8', 12, 12 + headerLength)) as Header;
  const vocabStart = 12 + headerLength;
  const vocab = header.vocabSize === 0 ? [] : bytes.toString('utf8', vocabStart, vocabStart + header.vocabBytes).split('\n');
  if (vocab.length !== header.vocabSize) throw new Error('model file: vocabulary size mismatch');
  const prefix = vocabStart + header.vocabBytes;
  const start = prefix + ((4 - (prefix % 4)) % 4);
  const C = header.classes.length;
  const n = header.vocabSize * (C + 1);
  if (bytes.byteLength < start + 4 * n) throw new Error('model file: truncated');
  // Copied into an aligned buffer: a Buffer from readFileSync may start at any offset of its pool.
  const ints = new Int32Array(n);
  new Uint8Array(ints.buffer).set(bytes.subarray(start, start + 4 * n));
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = (ints[i] as number) / SCALE;
  let idf: number[] | undefined;
  let weights: number[][] | undefined;
  return {
    classes: header.classes,
    vocab,
    bias: header.bias,
    ...(header.meta ? { meta: header.meta } : {}),
    packed,
    get idf(): number[] {
      idf ??= vocab.map((_, i) => packed[i * (C + 1)] as number);
      return idf;
    },
    get weights(): number[][] {
      weights ??= vocab.map((_, i) => Array.from(packed.subarray(i * (C + 1) + 1, (i + 1) * (C + 1))));
      return weights;
    },
  };
}
