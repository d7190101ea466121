#!/usr/bin/env node
// `npm run class:hub`: runs JupyterHub for a class on this machine (class/jupyterhub_config.py, which
// documents the OPTIMLAB_HUB_* settings), on 127.0.0.1:8000 unless OPTIMLAB_HUB_PORT says otherwise.
// Arguments go to jupyterhub. Example: OPTIMLAB_HUB_PASSWORD=… npm run class:hub
import { spawn } from "node:child_process";
import { ensureClassEnvironment, proxyCommand } from "./python.mjs";
import { hubConfig } from "./lib/hub.mjs";
import { jupyterEnv, registerKernel, venvBin } from "../scripts/lib/python-env.mjs";

const env = ensureClassEnvironment();
if (!env.ok) {
  console.error(`optimlab class: cannot start the hub: ${env.reason}`);
  process.exit(1);
}
if (!proxyCommand()) {
  console.error("optimlab class: node_modules/.bin/configurable-http-proxy is missing; run `npm install`.");
  process.exit(1);
}
if ((process.env.OPTIMLAB_HUB_AUTH ?? "dummy") === "dummy" && !process.env.OPTIMLAB_HUB_PASSWORD) {
  console.error("optimlab class: set OPTIMLAB_HUB_PASSWORD (the password every student logs in with), or OPTIMLAB_HUB_AUTH=pam for the machine's accounts.");
  process.exit(1);
}
registerKernel(); // in case this checkout moved since `npm install`
const port = process.env.OPTIMLAB_HUB_PORT ?? "8000";
console.log(`optimlab class: JupyterHub on http://127.0.0.1:${port}/ (students log in with any name${process.env.OPTIMLAB_HUB_AUTH === "pam" ? " of an account on this machine" : " and the shared password"}); Ctrl-C stops it and every student's server.`);
const child = spawn(venvBin("jupyterhub"), ["-f", hubConfig, ...process.argv.slice(2)], { stdio: "inherit", env: jupyterEnv() });
child.on("exit", (code) => process.exit(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
