/**
 * The file format of the trained linear models shipped with the engine (`*.model.bin`).
 *
 * Why not JSON: parsing 8.6 MB of JSON numbers into 155,000 small arrays took a third of `pivot triage`'s start-up,
 * and the arrays were then copied into the flat table the prediction reads. Here the weights are one block of
 * float64, rounded to 4 decimals as the JSON was (`Math.round(v * 1e4) / 1e4`, the very doubles `JSON.parse` gave
 * back), copied in one go into the table the prediction reads. Float64 rather than int32 × 10,000: converting
 * 870,000 values one by one cost 80 ms of start-up; the three files stay under 8 MB.
 *
 * Layout (little-endian): "PVTM" + version (uint32) + header length (uint32) + header JSON (UTF-8:
 * classes, bias, meta, vocabulary size and byte length) + vocabulary (UTF-8, one feature name per line) + padding
 * to 8 bytes + rows (float64), one per feature: idf, then one weight per class.
 */
import type { LinearModel } from './classifier.js';

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('model files are little-endian');

const MAGIC = 'PVTM';
const VERSION = 2;
const SCALE = 1e4;

interface Header {
  classes: string[];
  bias: number[];
  meta?: Record<string, string | number>;
  vocabSize: number;
  vocabBytes: number;
}

const round = (v: number): number => Math.round(v * SCALE) / SCALE;

export function encodeModel(model: LinearModel): Buffer {
  const C = model.classes.length;
  const vocabText = Buffer.from(model.vocab.join('\n'), 'utf8');
  if (model.vocab.some((k) => k.includes('\n'))) throw new Error('a feature name contains a line break');
  const header: Header = { classes: model.classes, bias: model.bias.map(round), meta: model.meta, vocabSize: model.vocab.length, vocabBytes: vocabText.length };
  const headerText = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = 12 + headerText.length + vocabText.length;
  const pad = (8 - (prefix % 8)) % 8;
  const rows = new Float64Array(model.vocab.length * (C + 1));
  for (let i = 0; i < model.vocab.length; i++) {
    rows[i * (C + 1)] = round(model.idf[i] as number);
    const w = model.weights[i] as number[];
    for (let c = 0; c < C; c++) rows[i * (C + 1) + 1 + c] = round(w[c] as number);
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
  const start = prefix + ((8 - (prefix % 8)) % 8);
  const C = header.classes.length;
  const n = header.vocabSize * (C + 1);
  if (bytes.byteLength < start + 8 * n) throw new Error('model file: truncated');
  // Copied into an aligned buffer (a Buffer from readFileSync may start at any offset of its pool); the file is
  // little-endian, as is every platform Node runs on that Pivot supports.
  const packed = new Float64Array(n);
  new Uint8Array(packed.buffer).set(bytes.subarray(start, start + 8 * n));
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
