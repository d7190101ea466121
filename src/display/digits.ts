import { checkInteger, checkKeys, describe } from "../core/checks";
import type { Dataset } from "../data/dataset";
import type { Figure } from "./figure";

/** Options of `imageGrid`. */
export interface ImageGridOptions {
  /** How many images, from the first (default 20). */
  count?: number;
  /** Images per row (default 10). */
  columns?: number;
  /** Text above each image (default: its class, "label 7"). */
  caption?: (sample: number) => string;
  title?: string;
}

/**
 * The first images of a dataset of square grey-level images (`d = side²`, values in [0, 1], ink
 * bright) as one heatmap, tiled in rows with a one-pixel gap, each captioned with its class.
 */
export function imageGrid(data: Dataset, options: ImageGridOptions = {}): Figure {
  checkKeys("imageGrid", options, ["count", "columns", "caption", "title"]);
  const side = Math.round(Math.sqrt(data?.d));
  if (!(side > 0 && side * side === data.d)) throw new Error(`imageGrid: the samples must be square images (d = side²), got d = ${describe(data?.d)}`);
  const count = Math.min(checkInteger("count", options.count ?? 20, 1), data.n);
  const columns = Math.min(checkInteger("columns", options.columns ?? 10, 1), count);
  const rows = Math.ceil(count / columns);
  const cell = side + 1;
  const z: (number | null)[][] = Array.from({ length: rows * cell - 1 }, () => new Array<number | null>(columns * cell - 1).fill(null));
  const annotations: Record<string, unknown>[] = [];
  const caption = options.caption ?? ((s: number) => `label ${data.y[s * data.k]}`);
  for (let s = 0; s < count; s++) {
    const top = Math.floor(s / columns) * cell;
    const left = (s % columns) * cell;
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++) z[top + r][left + c] = Number(data.x[s * data.d + r * side + c].toFixed(3));
    }
    annotations.push({ x: left + (side - 1) / 2, y: top - 0.6, text: caption(s), showarrow: false, yanchor: "bottom", font: { size: 11 } });
  }
  const hidden = { visible: false, showgrid: false, zeroline: false };
  return {
    data: [{ type: "heatmap", z, colorscale: "Greys", reversescale: true, zmin: 0, zmax: 1, showscale: false, hoverongaps: false, hovertemplate: "grey level %{z}<extra></extra>" }],
    layout: {
      title: { text: options.title ?? `The first ${count} images of ${data.name}` },
      xaxis: { ...hidden, constrain: "domain" },
      yaxis: { ...hidden, autorange: "reversed", scaleanchor: "x" },
      annotations,
      height: 80 + rows * 85,
    },
  };
}
