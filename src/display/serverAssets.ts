/**
 * Where a notebook page loads its scripts from: plotly.js, for a figure drawn by its HTML fallback
 * (front ends without a plotly renderer), and the library's browser bundle, for a live figure. Each is
 * a URL on the Jupyter server that started this kernel, so no notebook ever stores a script (plotly.js
 * is 4.6 MB) and a reloaded page loads it again by itself.
 *
 * A kernel is a child of its Jupyter server, which describes itself in `jpserver-<pid>.json`
 * (`nbserver-<pid>.json` for Notebook 6) in the runtime directory, beside the kernel's connection
 * file: its `root_dir` and `base_url`. The server serves files under its root at `<base_url>files/…`.
 * The server refuses files behind a link that leads outside its root, so the scripts are served from the
 * copies that `npm install` puts beside the lessons, in `node_modules/optimlab-assets/`
 * (scripts/lib/assets-copy.mjs writes them from `ASSET_SOURCES`). Outside a Jupyter server (nbclient,
 * VS Code) there is no such URL.
 */
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, isAbsolute, join, relative, sep } from "node:path";

/** The folder, under the lessons' node_modules/, where `npm install` copies the page's scripts. */
export const ASSETS_FOLDER = "optimlab-assets";

/** Each script a notebook page may load, and the file it is copied from (relative to this package's root, or a package's main file). */
export const ASSET_SOURCES = {
  "plotly.min.js": { package: "plotly.js-dist-min" },
  "optimlab.js": { file: "dist/browser/optimlab.js" },
} as const;

export type AssetName = keyof typeof ASSET_SOURCES;

interface ServerInfo {
  rootDir: string;
  baseUrl: string;
}

function runtimeDirs(): string[] {
  const dirs: string[] = [];
  const argv = process.argv;
  const i = argv.indexOf("--config-path");
  if (i >= 0 && argv[i + 1]) dirs.push(dirname(argv[i + 1]));
  if (process.env.JUPYTER_RUNTIME_DIR) dirs.push(process.env.JUPYTER_RUNTIME_DIR);
  const data = process.env.JUPYTER_DATA_DIR ?? join(process.env.XDG_DATA_HOME ?? join(homedir(), ".local", "share"), "jupyter");
  dirs.push(join(data, "runtime"));
  return dirs;
}

function serverInfo(): ServerInfo | undefined {
  for (const dir of runtimeDirs()) {
    for (const file of [`jpserver-${process.ppid}.json`, `nbserver-${process.ppid}.json`]) {
      const path = join(dir, file);
      if (!existsSync(path)) continue;
      try {
        const info = JSON.parse(readFileSync(path, "utf8")) as { root_dir?: string; notebook_dir?: string; base_url?: string };
        const rootDir = info.root_dir ?? info.notebook_dir;
        if (typeof rootDir === "string") return { rootDir: realpathSync(rootDir), baseUrl: info.base_url ?? "/" };
      } catch {
        // unreadable: try the next
      }
    }
  }
  return undefined;
}

/** `path` relative to `root` when it lies inside it, with forward slashes. */
function inside(root: string, path: string): string | undefined {
  const rel = relative(root, path);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return undefined;
  return rel.split(sep).join("/");
}

/** The nearest copy of `name` in a node_modules/ of the notebook's folder or a folder above it, as Node finds packages. */
function findCopy(name: AssetName): string | undefined {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    const copy = join(dir, "node_modules", ASSETS_FOLDER, name);
    if (existsSync(copy)) return copy;
    if (dirname(dir) === dir) return undefined;
  }
}

const cached = new Map<AssetName, string | null>();
/** This kernel's server (null: none found), read once: the kernel's parent does not change. */
let server: ServerInfo | null | undefined;

/**
 * The URL path of `name` (plotly.js or the library's browser bundle) on this kernel's Jupyter server,
 * from the copy beside the lessons; null outside a server or when no copy lies under the server's root.
 */
export function assetUrlOnServer(name: AssetName): string | null {
  if (cached.has(name)) return cached.get(name)!;
  let url: string | null = null;
  if (server === undefined) server = serverInfo() ?? null;
  const copy = server && findCopy(name);
  const path = server && copy ? inside(server.rootDir, realpathSync(copy)) : undefined;
  if (server && path) url = `${server.baseUrl.replace(/\/?$/, "/")}files/${path.split("/").map(encodeURIComponent).join("/")}`;
  cached.set(name, url);
  return url;
}

/** The URL path of plotly.js on this kernel's Jupyter server, or null outside one. */
export function plotlyUrlOnServer(): string | null {
  return assetUrlOnServer("plotly.min.js");
}
