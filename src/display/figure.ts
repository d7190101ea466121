/**
 * A plotly figure as plain JSON: what `plot` shows and what every plot builder returns.
 * See https://plotly.com/javascript/reference/ for the fields of traces and layouts.
 */
export interface Figure {
  data: Record<string, unknown>[];
  layout?: Record<string, unknown>;
  frames?: Record<string, unknown>[];
  config?: Record<string, unknown>;
}
