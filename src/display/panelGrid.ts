/**
 * Several small plots in one figure, two to a row, with one legend shared by all of them: a trace's
 * `name` appears once in the legend (from the first panel) and, through its legend group, clicking it
 * hides or shows that series in every panel. Used to compare one set of runs across several problems.
 */
import type { Figure } from "./figure";

/** One panel: its title, axis titles and scales, and its plotly traces (give each series the same `name` in every panel). */
export interface GridPanel {
  title: string;
  xTitle: string;
  yTitle: string;
  xLog?: boolean;
  yLog?: boolean;
  traces: Record<string, unknown>[];
}

/** The panels in a grid of two columns, in reading order, under `title`; the legend sits below the grid. */
export function panelGrid(title: string, panels: GridPanel[]): Figure {
  if (panels.length === 0) throw new Error("panelGrid needs at least one panel");
  const rows = Math.ceil(panels.length / 2);
  const gap = rows > 1 ? 0.2 / (rows - 1) : 0; // room for the x-axis titles between rows
  const height = (0.96 - gap * (rows - 1)) / rows;
  const annotations: Record<string, unknown>[] = [];
  const layout: Record<string, unknown> = {
    title: { text: title }, height: 80 + 340 * rows,
    legend: { orientation: "h", x: 0, y: -0.12, yanchor: "top" },
    annotations,
  };
  const data: Record<string, unknown>[] = [];
  panels.forEach((p, i) => {
    const suffix = i === 0 ? "" : String(i + 1);
    const x0 = i % 2 === 0 ? 0 : 0.55;
    const y0 = (rows - 1 - Math.floor(i / 2)) * (height + gap);
    const axis = (text: string, log: boolean | undefined, anchor: string, domain: number[]) =>
      ({ domain, anchor, title: { text }, type: log ? "log" : "linear", exponentformat: "power" });
    layout[`xaxis${suffix}`] = axis(p.xTitle, p.xLog, `y${suffix}`, [x0, x0 + 0.45]);
    layout[`yaxis${suffix}`] = axis(p.yTitle, p.yLog, `x${suffix}`, [y0, y0 + height]);
    annotations.push({ text: `<b>${p.title}</b>`, showarrow: false, xref: "paper", yref: "paper", x: x0 + 0.225, y: y0 + height + 0.02, xanchor: "center", yanchor: "bottom" });
    for (const t of p.traces) data.push({ legendgroup: t.name, ...t, xaxis: `x${suffix}`, yaxis: `y${suffix}`, showlegend: i === 0 });
  });
  return { data, layout };
}
