// The scripts a notebook page loads from the Jupyter server (plotly.js for the figures' HTML fallback, the
// library's browser bundle for live figures), copied beside the lessons into node_modules/optimlab-assets/:
// real files, because Jupyter serves no file behind a link that leads outside its root. The list and the
// folder are src/display/serverAssets.ts's, which finds the copies from the kernel.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { root } from "./python-env.mjs";

const require = createRequire(import.meta.url);

/** Copies every asset into `<notebooksFolder>/node_modules/optimlab-assets/`, replacing copies that differ. Needs dist/ built. */
export function copyAssets(notebooksFolder) {
  const { ASSETS_FOLDER, ASSET_SOURCES } = require(join(root, "dist", "display", "serverAssets.js"));
  const folder = join(notebooksFolder, "node_modules", ASSETS_FOLDER);
  mkdirSync(folder, { recursive: true });
  for (const [name, from] of Object.entries(ASSET_SOURCES)) {
    const source = from.package ? require.resolve(from.package) : join(root, from.file);
    if (!existsSync(source)) throw new Error(`optimlab: ${source} is missing (run \`npm run build\`): it is copied to ${join(folder, name)}`);
    const target = join(folder, name);
    if (!existsSync(target) || !readFileSync(target).equals(readFileSync(source))) copyFileSync(source, target);
  }
}
