// The class's Python packages (JupyterHub, nbgrader), pinned in requirements-class.txt and installed into
// the project's .venv/ on top of requirements.txt, whose pins they never move (-c requirements.txt).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ensureEnvironment, jupyterEnv, root, venvBin, venvDir, venvPython } from "../scripts/lib/python-env.mjs";

export const classRequirements = join(root, "requirements-class.txt");
const stampFile = join(venvDir, ".optimlab-class-requirements");

function hash() {
  return createHash("sha256").update(readFileSync(join(root, "requirements.txt"))).update(readFileSync(classRequirements)).digest("hex");
}

/** True when .venv/ holds exactly what requirements.txt and requirements-class.txt pin. */
export function classEnvironmentReady() {
  return existsSync(venvPython) && existsSync(stampFile) && readFileSync(stampFile, "utf8").trim() === hash();
}

const nbgraderServerExtensions = ["formgrader", "validate_assignment", "assignment_list", "course_list"].map((e) => `nbgrader.server_extensions.${e}`);

/**
 * Makes sure .venv/ exists (as `npm install` does) and holds JupyterHub and nbgrader. Returns
 * { ok: true } or { ok: false, reason }.
 */
export function ensureClassEnvironment({ log = console.log } = {}) {
  const base = ensureEnvironment({ log });
  if (!base.ok) return base;
  if (classEnvironmentReady()) return { ok: true, installed: false };
  log("optimlab class: installing JupyterHub and nbgrader into .venv/ (pinned in requirements-class.txt) ...");
  const pip = spawnSync(
    venvPython,
    ["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--progress-bar", "off", "-q", "-r", classRequirements, "-c", join(root, "requirements.txt")],
    { stdio: ["ignore", "inherit", "inherit"] },
  );
  if (pip.status !== 0) return { ok: false, reason: `pip could not install requirements-class.txt into .venv/ (exit ${pip.status}); its messages are above.` };
  // nbgrader enables its JupyterLab panels and server extensions in every Jupyter of .venv/: the lessons'
  // JupyterLab (npm start, the students' servers) stays as it was; grading runs from the command line.
  const quiet = { env: jupyterEnv(), encoding: "utf8" };
  const server = spawnSync(venvBin("jupyter"), ["server", "extension", "disable", "--sys-prefix", ...nbgraderServerExtensions], quiet);
  const lab = spawnSync(venvBin("jupyter"), ["labextension", "disable", "--level=sys_prefix", "@jupyter/nbgrader"], quiet);
  if (server.status !== 0 || lab.status !== 0) return { ok: false, reason: `could not disable nbgrader's extensions in .venv/: ${server.stderr}${lab.stderr}` };
  writeFileSync(stampFile, hash() + "\n");
  return { ok: true, installed: true };
}

/** The configurable-http-proxy that npm installed (a dependency of this package), or null. */
export function proxyCommand() {
  const bin = join(root, "node_modules", ".bin", process.platform === "win32" ? "configurable-http-proxy.cmd" : "configurable-http-proxy");
  return existsSync(bin) ? bin : null;
}
