// Bundles the library for the browser with esbuild: src/browser/index.ts to dist/browser/optimlab.js,
// one minified script that defines the global `optimlab` (mathjs included; plotly.js stays a separate
// script of the page). Node's modules that the kernels import are replaced by the stand-ins in
// src/browser/shims/ (one thread, no worker). `npm run build` runs this after tsc.
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const bundlePath = join(root, "dist", "browser", "optimlab.js");

const nodeStandIns = {
  name: "node-stand-ins",
  setup(b) {
    b.onResolve({ filter: /^node:(os|worker_threads)$/ }, (args) => ({
      path: join(root, "src", "browser", "shims", `node-${args.path.slice(5)}.ts`),
    }));
    b.onResolve({ filter: /^node:/ }, (args) => ({
      errors: [{ text: `${args.path} (imported by ${args.importer}) has no browser stand-in: keep it out of src/browser/index.ts's imports` }],
    }));
  },
};

/** Writes the bundle (to `outfile`, default dist/browser/optimlab.js); returns its path. */
export async function buildBrowserBundle(outfile = bundlePath) {
  mkdirSync(dirname(outfile), { recursive: true });
  await build({
    entryPoints: [join(root, "src", "browser", "index.ts")],
    outfile,
    bundle: true,
    format: "iife",
    globalName: "optimlab",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    logLevel: "warning",
    plugins: [nodeStandIns],
  });
  return outfile;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const t0 = performance.now();
  const out = await buildBrowserBundle();
  console.log(`browser bundle: ${out} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
