/**
 * PyTorch beside ours in `npm run bench`: finds (or installs) torch in the project's venv, starts
 * bench/torch_bench.py once, and hands the sections contenders whose samples that script times, so
 * PyTorch's samples interleave round by round with ours like every other contender's.
 *
 * torch comes from requirements-bench.txt (pinned: the CPU build on this machine's disk), installed into
 * .venv on the first run that needs it (the venv is made with `python3 -m venv .venv` if it is missing).
 * When torch cannot be had, `startTorch` says why and the sections leave their PyTorch columns out.
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { SampledContender } from "./harness";

const ROOT = join(__dirname, "..");
const PYTHON = join(ROOT, ".venv", "bin", "python");
const REQUIREMENTS = join(ROOT, "requirements-bench.txt");

export interface Torch {
  /** torch.__version__. */
  version: string;
  /** The BLAS of this torch build and the SIMD code torch dispatches to on this CPU, e.g. "mkl, CPU capability AVX2". */
  blas: string;
  /** One `opt.step()` of the torch.optim equivalent of `name` on n parameters, run on `threads` threads. */
  optimizer(spec: { name: string; n: number; lr: number; dtype: "float64" | "float32"; threads: number }): Promise<TorchWorkload>;
  /** One epoch of a torch.nn.Sequential MLP (ReLU hidden layers) with Adam on the given data, on `threads` threads. */
  mlp(spec: {
    sizes: number[];
    loss: "softmax" | "binary";
    lr: number;
    eps: number;
    batch: number;
    dtype: "float64" | "float32";
    x: Float64Array;
    y: Float64Array;
    threads: number;
  }): Promise<TorchWorkload>;
  /** One matrix product of a dense layer alone: addmm(b, x, W.T) ("forward") or d.T @ x and d.sum(0) ("weightGradient"), on `threads` threads. */
  product(spec: { kind: "forward" | "weightGradient"; n: number; inputs: number; outputs: number; dtype: "float64" | "float32"; threads: number }): Promise<TorchWorkload>;
  close(): void;
}

/** A workload set up in the Python process: a contender for `compare`, and `drop` to free it. */
export interface TorchWorkload {
  contender: SampledContender;
  drop(): Promise<void>;
}

let started: Promise<Torch | string> | undefined;

/** PyTorch, or the reason it is missing; started once per bench run. */
export function startTorch(): Promise<Torch | string> {
  return (started ??= start());
}

function hasTorch(): boolean {
  return existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import torch"], { stdio: "ignore" }).status === 0;
}

function install(): string | undefined {
  if (!existsSync(PYTHON)) {
    console.log("bench: making the project venv (.venv) for PyTorch ...");
    const made = spawnSync("python3", ["-m", "venv", join(ROOT, ".venv")], { stdio: "inherit" });
    if (made.status !== 0) return "`python3 -m venv .venv` failed";
  }
  console.log("bench: installing requirements-bench.txt (torch) into .venv ...");
  const pip = spawnSync(PYTHON, ["-m", "pip", "install", "-q", "-r", REQUIREMENTS], { stdio: "inherit" });
  if (pip.status !== 0) return `\`.venv/bin/pip install -r requirements-bench.txt\` failed (exit ${pip.status})`;
  return undefined;
}

async function start(): Promise<Torch | string> {
  if (process.env.OPTIMLAB_BENCH_TORCH === "0") return "PyTorch turned off (OPTIMLAB_BENCH_TORCH=0)";
  if (!hasTorch()) {
    const failed = install();
    if (failed) return `PyTorch is not installed: ${failed}`;
    if (!hasTorch()) return "PyTorch is not installed: `import torch` fails in .venv after installing requirements-bench.txt";
  }
  const child = spawn(PYTHON, [join(__dirname, "torch_bench.py")], { stdio: ["pipe", "pipe", "inherit"] });
  child.unref();
  const lines = createInterface({ input: child.stdout });
  const waiting: ((reply: Record<string, unknown>) => void)[] = [];
  lines.on("line", (line) => waiting.shift()?.(JSON.parse(line)));
  let exited = false;
  child.on("exit", () => {
    exited = true;
    for (const resolve of waiting.splice(0)) resolve({ error: "the PyTorch process exited" });
  });
  const ask = (request: Record<string, unknown>) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      if (exited) return reject(new Error("PyTorch bench: the Python process exited"));
      waiting.push((reply) => (reply.error ? reject(new Error(`PyTorch bench: ${String(reply.error)}`)) : resolve(reply)));
      child.stdin.write(JSON.stringify(request) + "\n");
    });
  const info = await ask({ op: "info" }).catch((error: Error) => error);
  if (info instanceof Error) return `PyTorch did not start: ${info.message}`;
  const scratch = mkdtempSync(join(tmpdir(), "optimlab-bench-"));
  let nextId = 0;
  const workload = async (request: Record<string, unknown>, threads: number): Promise<TorchWorkload> => {
    const id = `w${nextId++}`;
    await ask({ ...request, id });
    return {
      contender: { sample: async (minMs: number) => (await ask({ op: "sample", id, minMs, threads })).ms as number },
      drop: async () => void (await ask({ op: "drop", id })),
    };
  };
  return {
    version: String(info.torch),
    blas: `${String(info.blas)}, CPU capability ${String(info.capability)}`,
    optimizer: ({ threads, ...spec }) => workload({ op: "optimizer", seed: 0, ...spec }, threads),
    mlp: ({ threads, x, y, ...spec }) => {
      const id = nextId;
      const xPath = join(scratch, `x${id}.f64`);
      const yPath = join(scratch, `y${id}.f64`);
      writeFileSync(xPath, new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
      writeFileSync(yPath, new Uint8Array(y.buffer, y.byteOffset, y.byteLength));
      return workload({ op: "mlp", ...spec, x: xPath, y: yPath }, threads);
    },
    product: ({ threads, ...spec }) => workload({ op: "product", ...spec }, threads),
    close: () => {
      child.stdin.end();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** Closes PyTorch's process if it was started. */
export async function closeTorch(): Promise<void> {
  const torch = await started;
  if (torch && typeof torch !== "string") torch.close();
}
