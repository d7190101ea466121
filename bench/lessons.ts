/**
 * The lessons as a student meets them: kernel start to the first cell's result, each notebook's full
 * execution and slowest cell (each executed `runs` times on a fresh kernel, medians), and the size of
 * each exported page with plotly.js's share of what a reader downloads.
 */
import { statSync } from "node:fs";
import { basename, join } from "node:path";
import { formatMs, markdownTable, median, type Section } from "./harness";

interface ExecResult {
  name: string;
  ok: boolean;
  seconds: number;
  kernelStartSeconds: number;
  cells: { index: number; seconds: number }[];
}

export async function lessonsSection(runs: number): Promise<Section> {
  const nb = await import("../scripts/lib/notebooks.mjs");
  const site = await import("../scripts/site.mjs");
  const python = nb.findPython();
  if (!python) {
    return { title: "Lessons", body: "Not measured: no Python with nbclient on this machine (install Debian's python3-nbclient)." };
  }
  const paths: string[] = nb.listNotebooks();
  const byName = new Map<string, ExecResult[]>();
  for (let run = 0; run < runs; run++) {
    const results: ExecResult[] = await nb.executeAll(python, paths, site.executedDir, { concurrency: 1 });
    for (const r of results) {
      if (!r.ok) throw new Error(`bench: ${r.name} failed to execute; run npm test for details`);
      byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
    }
  }
  await site.renderSite(paths.map((p) => join(site.executedDir, basename(p))));
  const plotlyBytes = statSync(join(site.siteDir, "assets", "plotly.min.js")).size;

  const rows = paths.map((p) => {
    const name = basename(p);
    const results = byName.get(name)!;
    const noCode = results[0].cells.length === 0; // a notebook of prose only (notation.ipynb)
    const firstCell = median(results.map((r) => r.kernelStartSeconds + (r.cells[0]?.seconds ?? 0)));
    const total = median(results.map((r) => r.seconds));
    const slowest = results[0].cells.reduce((a, b) => (b.seconds > a.seconds ? b : a), { index: -1, seconds: 0 });
    const slowestMedian = median(results.map((r) => r.cells.find((c) => c.index === slowest.index)?.seconds ?? 0));
    const pageBytes = statSync(join(site.siteDir, name.replace(/\.ipynb$/, ".html"))).size;
    return [
      name,
      noCode ? "– (no code cells)" : formatMs(firstCell * 1000),
      formatMs(total * 1000),
      noCode ? "–" : `#${slowest.index}: ${formatMs(slowestMedian * 1000)}`,
      `${(pageBytes / 1024).toFixed(0)} KiB`,
      `${((100 * plotlyBytes) / (plotlyBytes + pageBytes)).toFixed(0)}%`,
    ];
  });
  const body =
    `Each notebook executed ${runs}× on a fresh tslab kernel through nbclient, one at a time; medians. ` +
    `"First result" is kernel start to the first code cell's result. A page's reader downloads the page and, once for the whole site, ` +
    `plotly.js (${(plotlyBytes / 1024 / 1024).toFixed(1)} MiB, cached across pages); the last column is plotly's share of a first visit.\n\n` +
    markdownTable(["notebook", "first result", "full execution", "slowest cell", "page", "plotly share"], rows);
  return { title: "Lessons as a student meets them", body };
}
