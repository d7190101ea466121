/**
 * The MNIST-shaped network's two large matrix products alone, ours against PyTorch's BLAS, on one thread:
 * what separates the epochs once the loops around the products are set aside.
 */
import { rng } from "../src/data";
import { kernelArray } from "../src/kernels/heap";
import { denseForward, setTwoThreadProducts, weightGradient } from "../src/networks/simd";
import { compare, type Contender, formatMs, markdownTable, type TimingOptions } from "./harness";
import type { Torch, TorchWorkload } from "./pytorch";

/** One product of a dense layer of `inputs` → `outputs` on a batch of n. */
export interface ProductShape {
  n: number;
  inputs: number;
  outputs: number;
}

const KINDS = ["forward", "weightGradient"] as const;
const DTYPES = ["float64", "float32"] as const;

export interface ProductRow {
  kind: (typeof KINDS)[number];
  dtype: (typeof DTYPES)[number];
  ours: number;
  torch?: number;
}

/** Ours on one thread: `run` with products never split over two threads (the setting is restored after each call). */
function oneThread(run: () => void): () => void {
  return () => {
    const previous = setTwoThreadProducts(Infinity);
    try {
      run();
    } finally {
      setTwoThreadProducts(previous);
    }
  };
}

/**
 * Times z = x Wᵀ + b (`denseForward`) and dW = δᵀx with db (`weightGradient`), ours on kernel arrays as an
 * MLP's are, against PyTorch's addmm(b, x, W.T) and d.T @ x with d.sum(0) (what `Linear` and autograd run) on one thread, in f64 and f32, interleaved.
 */
export async function productRows(shape: ProductShape, torch: Torch | string, timing: TimingOptions): Promise<ProductRow[]> {
  const { n, inputs, outputs } = shape;
  const r = rng(0);
  const filled = (length: number, scale: number) => {
    const a = kernelArray(length);
    for (let i = 0; i < length; i++) a[i] = scale * (r.uniform() - 0.5);
    return a;
  };
  const x = filled(n * inputs, 2);
  const W = filled(outputs * inputs, 0.1);
  const b = filled(outputs, 0.1);
  const delta = filled(n * outputs, 1);
  const z = kernelArray(n * outputs);
  const dW = kernelArray(outputs * inputs);
  const db = kernelArray(outputs);
  const contenders: Record<string, Contender> = {};
  const workloads: TorchWorkload[] = [];
  for (const dtype of DTYPES) {
    const f32 = dtype === "float32";
    contenders[`ours forward ${dtype}`] = oneThread(() => denseForward(x, n, inputs, W, b, outputs, z, f32));
    contenders[`ours weightGradient ${dtype}`] = oneThread(() => weightGradient(delta, n, outputs, x, inputs, dW, db, f32));
    if (typeof torch === "string") continue;
    for (const kind of KINDS) {
      const w = await torch.product({ kind, n, inputs, outputs, dtype, threads: 1 }).catch((error: Error) => {
        console.error(`bench: PyTorch's ${kind} product in ${dtype} left out: ${error.message}`);
        return undefined;
      });
      if (!w) continue;
      workloads.push(w);
      contenders[`torch ${kind} ${dtype}`] = w.contender;
    }
  }
  const timings = await compare(contenders, timing);
  for (const w of workloads) await w.drop();
  const ms = (name: string) => timings.find((t) => t.name === name)?.medianMs;
  return DTYPES.flatMap((dtype) => KINDS.map((kind) => ({ kind, dtype, ours: ms(`ours ${kind} ${dtype}`)!, torch: ms(`torch ${kind} ${dtype}`) })));
}

/** The rows as a markdown table: times, Gflop/s (2 flops per multiply-add) and ours/torch. */
export function productTable(shape: ProductShape, rows: ProductRow[]): string {
  const flops = 2 * shape.n * shape.inputs * shape.outputs;
  const gflops = (ms: number | undefined) => (ms === undefined ? "–" : (flops / (ms / 1e3) / 1e9).toFixed(1));
  const names = { forward: `z = x Wᵀ + b (${shape.n} × ${shape.inputs} · ${shape.inputs} × ${shape.outputs})`, weightGradient: `dW = δᵀx, db (${shape.outputs} × ${shape.n} · ${shape.n} × ${shape.inputs})` };
  return markdownTable(
    ["product (one thread)", "dtype", "ours", "ours Gflop/s", "PyTorch", "PyTorch Gflop/s", "ours/torch"],
    rows.map((r) => [
      names[r.kind],
      r.dtype === "float64" ? "f64" : "f32",
      formatMs(r.ours),
      gflops(r.ours),
      r.torch === undefined ? "–" : formatMs(r.torch),
      gflops(r.torch),
      r.torch === undefined ? "–" : `${(r.ours / r.torch).toFixed(2)}×`,
    ]),
  );
}
