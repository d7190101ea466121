/**
 * Timing for `npm run bench`: contenders run interleaved, round by round (each round starting with the
 * next contender), so that the machine's noise falls on all of them alike; each sample repeats the call
 * until it has run for at least `minMs`, and the reported figure is the median per-call time over the rounds.
 */
export type Contender = (() => unknown | Promise<unknown>) | SampledContender;

/** A contender that times itself (PyTorch, in another process): one sample of at least minMs, answering ms per call. */
export interface SampledContender {
  sample(minMs: number): Promise<number>;
}

export interface Timing {
  name: string;
  /** Median milliseconds per call. */
  medianMs: number;
  /** Per-call milliseconds of each round. */
  samples: number[];
}

export interface TimingOptions {
  rounds?: number;
  minMs?: number;
  /** Call each contender once before timing (default true); turn off for slow contenders warmed up by the caller. */
  warmup?: boolean;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function sample(fn: Contender, minMs: number): Promise<number> {
  if (typeof fn !== "function") return fn.sample(minMs);
  let calls = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  do {
    const result = fn();
    if (result instanceof Promise) await result;
    calls += 1;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  } while (elapsed < minMs);
  return elapsed / calls;
}

/** Times the contenders side by side: `rounds` interleaved rounds after one warm-up call each. */
export async function compare(contenders: Record<string, Contender>, { rounds = 7, minMs = 100, warmup = true }: TimingOptions = {}): Promise<Timing[]> {
  const names = Object.keys(contenders);
  for (const name of warmup ? names : []) {
    const contender = contenders[name];
    if (typeof contender !== "function") continue; // warmed up when it was set up
    const warm = contender();
    if (warm instanceof Promise) await warm;
  }
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    // Each round starts with the next contender, so no one always runs first (or right after the same neighbour).
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length];
      samples[name].push(await sample(contenders[name], minMs));
    }
  }
  return names.map((name) => ({ name, medianMs: median(samples[name]), samples: samples[name] }));
}

/** Formats milliseconds with a sensible unit. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  if (ms >= 1e-3) return `${(ms * 1e3).toFixed(2)} µs`;
  return `${(ms * 1e6).toFixed(1)} ns`;
}

/** A markdown table. */
export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** One section of BENCHMARKS.md: a heading, the table, and what it means. */
export interface Section {
  title: string;
  body: string;
}
