// A Jupyter server from the project environment for the browser tests: JupyterLab 4 or Notebook 7 on
// 127.0.0.1, rooted at a scratch copy of the lessons under build/ (so "Run All" and saving never touch notebooks/),
// with its own config, data and runtime folders (the user's Jupyter settings play no part) and the
// project's kernel found in .venv/ as `npm start` finds it.
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { copyAssets } from "./assets-copy.mjs";
import { jupyterEnv, registerKernel, root, venvBin, venvDir } from "./python-env.mjs";

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a server; `notebooks` are copied into its root with the `node_modules/optimlab` link.
 * Options: app "lab" | "notebook"; disabledExtensions, e.g. ["jupyterlab-plotly"].
 */
export async function startJupyter({ app = "lab", notebooks = [], disabledExtensions = [] } = {}) {
  // Inside the checkout, so that lessons resolve the packages they import (@tensorflow/tfjs, …) as in notebooks/.
  mkdirSync(join(root, "build"), { recursive: true });
  const home = mkdtempSync(join(root, "build", "jupyter-"));
  const rootDir = join(home, "lessons");
  const dirs = { config: join(home, "config"), data: join(home, "data"), runtime: join(home, "runtime") };
  for (const dir of [rootDir, ...Object.values(dirs)]) mkdirSync(dir, { recursive: true });
  for (const path of notebooks) cpSync(path, join(rootDir, path.split("/").pop()));
  mkdirSync(join(rootDir, "node_modules"), { recursive: true });
  symlinkSync(root, join(rootDir, "node_modules", "optimlab"), "dir");
  copyAssets(rootDir);
  // Extensions left out are not offered to JupyterLab at all (its page-config `disabledExtensions` still
  // let the plotly renderer draw): the server looks for prebuilt extensions only in a folder of links to
  // the environment's other ones.
  const extensionArgs = [];
  if (disabledExtensions.length) {
    const installed = join(venvDir, "share", "jupyter", "labextensions");
    const offered = join(home, "labextensions");
    mkdirSync(offered, { recursive: true });
    for (const entry of readdirSync(installed)) {
      if (!disabledExtensions.includes(entry)) symlinkSync(join(installed, entry), join(offered, entry), "dir");
    }
    extensionArgs.push(`--LabApp.labextensions_path=${offered}`);
  }
  registerKernel(); // the kernelspec and the project's JupyterLab settings, as `npm start` writes them
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const env = jupyterEnv({ JUPYTER_CONFIG_DIR: dirs.config, JUPYTER_DATA_DIR: dirs.data, JUPYTER_RUNTIME_DIR: dirs.runtime, JUPYTER_PLATFORM_DIRS: "0" });
  const args = [app, "--no-browser", "--ip=127.0.0.1", `--port=${port}`, `--ServerApp.root_dir=${rootDir}`, `--IdentityProvider.token=${token}`, "--ServerApp.disable_check_xsrf=False", ...extensionArgs];
  if (process.getuid?.() === 0) args.push("--allow-root");
  const child = spawn(venvBin("jupyter"), args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`jupyter ${app} exited (${child.exitCode}):\n${log.slice(-3000)}`);
    try {
      const response = await fetch(`${url}/api/status?token=${token}`);
      if (response.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`jupyter ${app} did not answer within 60 s:\n${log.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    token,
    rootDir,
    log: () => log,
    /** Stops the server and its kernels and removes its folders. */
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const exited = new Promise((r) => child.once("exit", r));
        const timeout = new Promise((r) => setTimeout(r, 10_000));
        await Promise.race([exited, timeout]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}
