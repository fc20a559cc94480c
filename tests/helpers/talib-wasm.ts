// TA-Lib itself (the C library, compiled to WebAssembly by the talib-web package) as the reference.
// We call its C functions directly: talib-web's JS wrapper passes endIdx one past the end and null
// out-pointers, so its results end in a garbage value. Outputs come back aligned to the input, NaN
// for TA-Lib's lookback, so they compare index by index with Keel's.
import { createRequire } from 'node:module';

interface TalibModule {
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  HEAPF64: Float64Array;
  HEAP32: Int32Array;
  ccall(name: string, ret: 'number', argTypes: string[], args: number[]): number;
}

const require = createRequire(import.meta.url);
let loading: Promise<TalibModule> | undefined;

export function loadTalib(): Promise<TalibModule> {
  loading ??= (async () => {
    const talib = require('talib-web') as { init(path?: string): Promise<TalibModule> };
    // Emscripten prefers fetch() when it exists, and Node's fetch cannot read a file path: hide it
    // while the module loads so it reads talib.wasm with fs.
    const savedFetch = globalThis.fetch;
    (globalThis as { fetch?: unknown }).fetch = undefined;
    try {
      return await talib.init(require.resolve('talib-web/lib/talib.wasm'));
    } finally {
      globalThis.fetch = savedFetch;
    }
  })();
  return loading;
}

/**
 * TA_<name>(0, n-1, ...inputs, ...options, &outBegIdx, &outNbElement, ...outputs): options in TA-Lib's
 * order (integers and doubles alike), `outputs` how many output arrays the function has.
 */
export async function talib(name: string, inputs: Float64Array[], options: number[], outputs = 1): Promise<Float64Array[]> {
  const m = await loadTalib();
  const n = inputs[0]!.length;
  const inPtrs = inputs.map((a) => {
    const p = m._malloc(n * 8);
    m.HEAPF64.set(a, p / 8);
    return p;
  });
  const meta = m._malloc(8);
  const outPtrs = Array.from({ length: outputs }, () => m._malloc(Math.max(1, n) * 8));
  const args = [0, n - 1, ...inPtrs, ...options, meta, meta + 4, ...outPtrs];
  const rc = m.ccall(`TA_${name}`, 'number', args.map(() => 'number'), args);
  // Read after the call: the heap views are replaced if memory grew.
  const begIdx = m.HEAP32[meta / 4]!;
  const count = m.HEAP32[meta / 4 + 1]!;
  const result = outPtrs.map((p) => {
    const out = new Float64Array(n).fill(NaN);
    out.set(m.HEAPF64.subarray(p / 8, p / 8 + count), begIdx);
    return out;
  });
  for (const p of [...inPtrs, meta, ...outPtrs]) m._free(p);
  if (rc !== 0) throw new Error(`TA_${name} returned ${rc}`);
  return result;
}

/** TA-Lib's MAType codes. */
export const MA_SMA = 0;
export const MA_EMA = 1;
