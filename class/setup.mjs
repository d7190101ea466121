#!/usr/bin/env node
// `npm run class:setup`: installs the class's Python packages (JupyterHub, nbgrader; requirements-class.txt)
// into the project's .venv/. `npm install` must have run first (it builds the library and the kernel).
import { ensureClassEnvironment, proxyCommand } from "./python.mjs";

const env = ensureClassEnvironment();
if (!env.ok) {
  console.error(`optimlab class: not installed: ${env.reason}`);
  process.exit(1);
}
if (!proxyCommand()) {
  console.error("optimlab class: node_modules/.bin/configurable-http-proxy is missing; run `npm install` (it is a dependency).");
  process.exit(1);
}
console.log("optimlab class: JupyterHub, nbgrader and configurable-http-proxy are ready. Next: npm run class:hub (see class/README.md)");
