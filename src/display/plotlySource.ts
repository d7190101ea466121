/**
 * Where the page can load plotly.js from when a figure is drawn by its HTML fallback (front ends
 * without a plotly renderer): a URL on the Jupyter server that started this kernel, so no notebook
 * ever stores plotly.js (4.6 MB) and a reloaded page loads it again by itself.
 *
 * A kernel is a child of its Jupyter server, which describes itself in `jpserver-<pid>.json`
 * (`nbserver-<pid>.json` for Notebook 6) in the runtime directory, beside the kernel's connection
 * file: its `root_dir` and `base_url`. The server serves files under its root at `<base_url>files/…`.
 * The server refuses files behind a link that leads outside its root, so when the package lies outside
 * the root, plotly.js is served from the copy that `npm install` puts beside the lessons
 * (`node_modules/optimlab-assets/plotly.min.js`). Outside a Jupyter server (nbclient, VS Code) there is no such URL.
 */
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, isAbsolute, join, relative, sep } from "node:path";

/** Where `npm install` copies plotly.js beside the lessons, under their node_modules/. */
export const PLOTLY_COPY = "optimlab-assets/plotly.min.js";

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

let cached: string | null | undefined;

/** The URL path of plotly.js on this kernel's Jupyter server, or null outside one. */
export function plotlyUrlOnServer(): string | null {
  if (cached !== undefined) return cached;
  cached = null;
  const server = serverInfo();
  if (!server) return cached;
  const plotly = realpathSync(require.resolve("plotly.js-dist-min"));
  const copy = join(process.cwd(), "node_modules", PLOTLY_COPY);
  const path = inside(server.rootDir, plotly) ?? (existsSync(copy) ? inside(server.rootDir, realpathSync(copy)) : undefined);
  if (path) cached = `${server.baseUrl.replace(/\/?$/, "/")}files/${path.split("/").map(encodeURIComponent).join("/")}`;
  return cached;
}
