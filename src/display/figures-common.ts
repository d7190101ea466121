/**
 * Helpers shared by the plot builders of `figures.ts`: rounding, subsampling, colors and axes, so
 * every figure is small (numbers to 6 significant digits, long series thinned) and looks alike.
 */

/** The colors of successive runs (plotly's default colorway), so a run's line and markers match. */
export const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

export function color(i: number): string {
  return PALETTE[i % PALETTE.length];
}

/** v to 6 significant digits (null stays null; non-finite becomes null, which plotly leaves out). */
export function round(v: number | null): number | null {
  if (v === null || !Number.isFinite(v)) return null;
  return Number(v.toPrecision(6));
}

export function roundAll(values: ArrayLike<number>): (number | null)[] {
  return Array.from(values, (v) => round(v));
}

/**
 * At most `max` indices of 0..n-1, evenly spaced, always keeping the first and the last, so a long
 * series is drawn from a sample that still starts and ends where it does.
 */
export function sampleIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  for (let k = 0; k < max; k++) {
    const i = Math.round((k * (n - 1)) / (max - 1));
    if (out.length === 0 || out[out.length - 1] !== i) out.push(i);
  }
  return out;
}

/** A plotly axis with a title. */
export function axis(title: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { title: { text: title }, ...extra };
}

/** The common layout of the builders: a title and both axis titles. */
export function layout(title: string, xaxis: Record<string, unknown>, yaxis: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { title: { text: title }, xaxis, yaxis, ...extra };
}

/** Named items from a record or an array of objects with `name`. */
export function named<T>(what: string, runs: Record<string, T> | (T & { name: string })[]): [string, T][] {
  if (Array.isArray(runs)) {
    return runs.map((r, i) => {
      if (r === null || typeof r !== "object" || typeof (r as { name?: unknown }).name !== "string") {
        throw new Error(`${what}[${i}] must have a name, got ${typeof r}`);
      }
      return [(r as { name: string }).name, r as T];
    });
  }
  if (runs === null || typeof runs !== "object") throw new Error(`${what} must be an object of named runs or an array, got ${runs}`);
  return Object.entries(runs);
}

/** log10 of the decades spanned by positive values, for tick labels of log-transformed axes. */
export function decadeTicks(logValues: number[]): { tickvals: number[]; ticktext: string[] } {
  const lo = Math.floor(Math.min(...logValues));
  const hi = Math.ceil(Math.max(...logValues));
  const tickvals: number[] = [];
  for (let e = lo; e <= hi; e++) tickvals.push(e);
  return { tickvals, ticktext: tickvals.map((e) => `1e${e}`) };
}
