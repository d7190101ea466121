import { checkInteger, checkNumber, describe } from "../data/checks";

/** What `gradientArrows` needs of a problem: a gradient and the window of its contour plot. */
interface Windowed {
  readonly xRange: [number, number];
  readonly yRange: [number, number];
  gradient(x: ArrayLike<number>, out?: Float64Array): Float64Array;
}

/**
 * The negative gradient field of a 2-D problem as plotly annotations: an arrow of the same `length`
 * (in data units) along −∇f at the centre of each cell of a `columns` × `rows` grid over the problem's
 * window, so only the direction shows. Put them in a contour figure's `layout.annotations`.
 * @example fig.layout = { ...fig.layout, annotations: gradientArrows(problem, { columns: 18, rows: 12, length: 0.45 }) }
 */
export function gradientArrows(problem: Windowed, options: { columns: number; rows: number; length: number; color?: string }): Record<string, unknown>[] {
  if (problem === null || typeof problem !== "object" || typeof problem.gradient !== "function" || !Array.isArray(problem.xRange) || !Array.isArray(problem.yRange)) {
    throw new Error(`gradientArrows: problem must have a gradient, xRange and yRange, got ${describe(problem)}`);
  }
  const columns = checkInteger("columns", options?.columns, 1);
  const rows = checkInteger("rows", options.rows, 1);
  const length = checkNumber("length", options.length, "positive");
  const [x0, x1] = problem.xRange, [y0, y1] = problem.yRange;
  const arrows: Record<string, unknown>[] = [];
  for (let i = 0; i < columns; i++) {
    for (let j = 0; j < rows; j++) {
      const x = x0 + ((x1 - x0) * (i + 0.5)) / columns;
      const y = y0 + ((y1 - y0) * (j + 0.5)) / rows;
      const g = problem.gradient([x, y]);
      const norm = Math.hypot(g[0], g[1]);
      if (norm === 0) continue;
      arrows.push({
        ax: x, ay: y, x: x - (length * g[0]) / norm, y: y - (length * g[1]) / norm, // tail at (x, y), head along −∇f
        xref: "x", yref: "y", axref: "x", ayref: "y",
        text: "", showarrow: true, arrowhead: 2, arrowsize: 1, arrowwidth: 1.2, arrowcolor: options.color ?? "#d62728",
      });
    }
  }
  return arrows;
}
