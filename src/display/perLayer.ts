/**
 * A quantity measured at every layer of a network (gradient norms, activation spreads, update ratios),
 * one line per network or setting, on a log axis: the picture of vanishing and exploding signals,
 * where a constant factor per layer is a straight line.
 */
import type { Figure } from "./figure";

/** One line per entry of `series` (values for layers 1, 2, …), y on a log axis titled `yTitle`. */
export function perLayerFigure(title: string, series: Record<string, ArrayLike<number>>, yTitle: string, options: { xTitle?: string } = {}): Figure {
  const entries = Object.entries(series);
  if (entries.length === 0) throw new Error("perLayerFigure needs at least one series");
  return {
    data: entries.map(([name, values]) => ({
      x: Array.from(values, (_, l) => l + 1), y: Array.from(values, (v) => Number(v.toPrecision(4))), name, mode: "lines+markers",
    })),
    layout: {
      title: { text: title },
      xaxis: { title: { text: options.xTitle ?? "layer l (1 = nearest the input)" }, dtick: 1 },
      yaxis: { title: { text: yTitle }, type: "log", exponentformat: "power" },
    },
  };
}
