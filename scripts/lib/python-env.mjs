// The project's own Python environment, .venv/ in the checkout: JupyterLab, Notebook 7, nbclient and
// jupytext at the versions pinned in requirements.txt, and the TypeScript kernel registered inside it
// (.venv/share/jupyter/kernels/tslab), where only this checkout's Jupyter finds it.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir, platform } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const venvDir = join(root, ".venv");
const windows = platform() === "win32";
const binDir = join(venvDir, windows ? "Scripts" : "bin");
export const requirementsFile = join(root, "requirements.txt");
const stampFile = join(venvDir, ".optimlab-requirements");
export const kernelName = "tslab";
export const kernelDir = join(venvDir, "share", "jupyter", "kernels", kernelName);

/** A program installed in the project environment (`jupyter`, `python`, `pip`, …). */
export function venvBin(name) {
  return join(binDir, windows ? `${name}.exe` : name);
}

export const venvPython = venvBin("python");

/**
 * The environment for Jupyter processes of this checkout: its kernels before any user-level ones
 * (jupyter_core does this in a virtual environment anyway; this makes it explicit).
 */
export function jupyterEnv(extra = {}) {
  return { ...process.env, JUPYTER_PREFER_ENV_PATH: "1", PATH: `${binDir}${windows ? ";" : ":"}${process.env.PATH ?? ""}`, ...extra };
}

/** True when the environment exists and holds exactly what requirements.txt pins. */
export function environmentReady() {
  return existsSync(venvPython) && existsSync(stampFile) && readFileSync(stampFile, "utf8").trim() === requirementsHash();
}

function requirementsHash() {
  return createHash("sha256").update(readFileSync(requirementsFile)).digest("hex");
}

/** The first Python 3.9+ on this machine: OPTIMLAB_PYTHON, python3, python. */
export function findBasePython() {
  const candidates = [process.env.OPTIMLAB_PYTHON, "python3", "python"].filter(Boolean);
  for (const python of candidates) {
    const probe = spawnSync(python, ["-c", "import sys; print('%d.%d' % sys.version_info[:2])"], { encoding: "utf8" });
    if (probe.status !== 0) continue;
    const [major, minor] = probe.stdout.trim().split(".").map(Number);
    if (major === 3 && minor >= 9) return { python, version: `${major}.${minor}` };
  }
  return null;
}

/**
 * Creates .venv/ if needed and installs requirements.txt into it when the pins changed since the
 * last install. Returns { ok: true } or { ok: false, reason } with what is missing, in words.
 */
export function ensureEnvironment({ log = console.log } = {}) {
  if (environmentReady()) return { ok: true, installed: false };
  if (!existsSync(venvPython)) {
    const base = findBasePython();
    if (!base) {
      return {
        ok: false,
        reason:
          "no Python 3.9 or newer was found (tried $OPTIMLAB_PYTHON, python3, python). Install Python 3.9+ " +
          "(Debian/Ubuntu: sudo apt-get install python3 python3-venv; elsewhere: python.org), then run `npm install` again.",
      };
    }
    log(`optimlab: creating the project's Python environment (.venv/, Python ${base.version}) ...`);
    const made = spawnSync(base.python, ["-m", "venv", venvDir], { encoding: "utf8" });
    if (made.status !== 0 || !existsSync(venvPython)) {
      rmSync(venvDir, { recursive: true, force: true });
      return {
        ok: false,
        reason:
          `\`${base.python} -m venv .venv\` failed: ${(made.stderr || made.stdout || "").trim().split("\n").pop()}. ` +
          "Python's venv module (with ensurepip) is missing; Debian/Ubuntu: sudo apt-get install python3-venv. Then run `npm install` again.",
      };
    }
  }
  log("optimlab: installing JupyterLab, Notebook 7, nbclient and jupytext into .venv/ (pinned in requirements.txt) ...");
  const pip = spawnSync(venvPython, ["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--progress-bar", "off", "-q", "-r", requirementsFile], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (pip.status !== 0) {
    return { ok: false, fatal: true, reason: `pip could not install requirements.txt into .venv/ (exit ${pip.status}); its messages are above.` };
  }
  writeFileSync(stampFile, requirementsHash() + "\n");
  return { ok: true, installed: true };
}

/** Writes the kernelspec of this checkout's kernel into the project environment. */
export function registerKernel() {
  writeLabSettings();
  mkdirSync(kernelDir, { recursive: true });
  const spec = {
    argv: [process.execPath, join(root, "dist", "kernel", "main.js"), "--config-path", "{connection_file}"],
    display_name: "TypeScript",
    language: "typescript",
    metadata: { debugger: false, optimlab: { checkout: root } },
  };
  writeFileSync(join(kernelDir, "kernel.json"), JSON.stringify(spec, null, 2) + "\n");
  return kernelDir;
}

/**
 * JupyterLab settings of the project environment (its app settings folder): no pop-up asking to fetch
 * Jupyter news and no update checks (a class should not be interrupted), and every cell of a lesson
 * rendered (no windowing: a figure in a cell off screen is drawn at its real width).
 */
export function writeLabSettings() {
  const dir = join(venvDir, "share", "jupyter", "lab", "settings");
  mkdirSync(dir, { recursive: true });
  const overrides = {
    "@jupyterlab/apputils-extension:notification": { checkForUpdates: false, fetchNews: "false" },
    "@jupyterlab/notebook-extension:tracker": { windowingMode: "none" },
  };
  writeFileSync(join(dir, "overrides.json"), JSON.stringify(overrides, null, 2) + "\n");
}

/**
 * Earlier versions of this project wrote the kernelspec into the user's Jupyter data directory. Removes
 * such a kernelspec only when it points into this checkout (one a user made for their own tslab stays).
 */
export function removeOldUserKernel() {
  const dataDir =
    process.env.JUPYTER_DATA_DIR ??
    (platform() === "darwin"
      ? join(homedir(), "Library", "Jupyter")
      : windows
        ? join(process.env.APPDATA ?? join(homedir(), "AppData", "Roaming"), "jupyter")
        : join(process.env.XDG_DATA_HOME ?? join(homedir(), ".local", "share"), "jupyter"));
  const file = join(dataDir, "kernels", "tslab", "kernel.json");
  try {
    const spec = JSON.parse(readFileSync(file, "utf8"));
    const argv = (spec.argv ?? []).join(" ");
    if (argv.includes(join(root, "node_modules", "tslab"))) {
      rmSync(dirname(file), { recursive: true, force: true });
      return dirname(file);
    }
  } catch {
    // none, or not ours
  }
  return null;
}
