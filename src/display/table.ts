import { sendBundle } from "./jupyter";
import { escapeHtml } from "./htmlText";

/** One row of a table: any object, its keys the column names. */
export type Row = object;

export interface TableOptions {
  /** Which columns, in which order (default: the keys of the rows, in order of appearance). */
  columns?: string[];
  /** Significant digits for numbers (default 4). */
  digits?: number;
  /** A caption above the table. */
  caption?: string;
}

/** Formats a value for a table cell: numbers to `digits` significant digits, the rest as text. */
export function formatCell(value: unknown, digits = 4): string {
  if (typeof value === "number") {
    if (Number.isInteger(value) && Math.abs(value) < 1e9) return String(value);
    if (!Number.isFinite(value)) return String(value);
    const abs = Math.abs(value);
    return abs !== 0 && (abs < 1e-3 || abs >= 1e6) ? value.toExponential(digits - 1) : String(Number(value.toPrecision(digits)));
  }
  if (value === undefined || value === null) return "";
  return String(value);
}

function columnsOf(rows: readonly Row[], options: TableOptions): string[] {
  if (options.columns) return options.columns;
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

const TABLE_OPTIONS = ["columns", "digits", "caption"];

function checkTableArguments(rows: unknown, options: unknown): void {
  if (!Array.isArray(rows)) throw new TypeError(`table: rows must be an array of objects, got ${typeof rows}`);
  rows.forEach((row, i) => {
    if (row === null || typeof row !== "object") throw new TypeError(`table: rows[${i}] must be an object, got ${row === null ? "null" : typeof row}`);
  });
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`table: options must be an object, got ${options === null ? "null" : typeof options}`);
  }
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!TABLE_OPTIONS.includes(key)) throw new TypeError(`table: unknown option "${key}" (known: ${TABLE_OPTIONS.join(", ")})`);
  }
  if (o.digits !== undefined && !(Number.isInteger(o.digits) && (o.digits as number) >= 1 && (o.digits as number) <= 17)) {
    throw new RangeError(`table: digits must be an integer from 1 to 17, got ${String(o.digits)}`);
  }
  if (o.columns !== undefined && !(Array.isArray(o.columns) && o.columns.every((c) => typeof c === "string"))) {
    throw new TypeError(`table: columns must be an array of column names, got ${typeof o.columns}`);
  }
  if (o.caption !== undefined && typeof o.caption !== "string") throw new TypeError(`table: caption must be a string, got ${typeof o.caption}`);
}

/** The table as HTML and as aligned plain text. */
export function tableBundle(rows: readonly Row[], options: TableOptions = {}): { "text/html": string; "text/plain": string } {
  checkTableArguments(rows, options);
  const digits = options.digits ?? 4;
  const columns = columnsOf(rows, options);
  const value = (row: Row, column: string) => (row as Record<string, unknown>)[column];
  const cells = rows.map((row) => columns.map((c) => formatCell(value(row, c), digits)));
  const numeric = columns.map((c) => rows.every((row) => typeof value(row, c) === "number" || value(row, c) == null));
  const align = (i: number) => (numeric[i] ? "right" : "left");
  const html =
    `<table class="optimlab-table">` +
    (options.caption ? `<caption>${escapeHtml(options.caption)}</caption>` : "") +
    `<thead><tr>${columns.map((c, i) => `<th style="text-align:${align(i)}">${escapeHtml(c)}</th>`).join("")}</tr></thead>` +
    `<tbody>${cells
      .map((r) => `<tr>${r.map((v, i) => `<td style="text-align:${align(i)}">${escapeHtml(v)}</td>`).join("")}</tr>`)
      .join("")}</tbody></table>`;
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((v, i) => (numeric[i] ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join("  ").trimEnd();
  const text = [options.caption ?? "", line(columns), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)]
    .filter((l, i) => i > 0 || l !== "")
    .join("\n");
  return { "text/html": html, "text/plain": text };
}

/** Shows rows of values as a comparison table. */
export function table(rows: readonly Row[], options: TableOptions = {}): void {
  sendBundle(tableBundle(rows, options));
}
