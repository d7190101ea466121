// Writes each update rule's WebAssembly kernel, src/kernels/<rule>.wat, from the rule's loop in
// src/optimizers/<rule>.ts (scripts/lib/rule-kernels.mjs translates it). The loop is the one source;
// the .wat files are committed so that a reader can see what runs, and must match their loops:
// `npm run kernels` rewrites them, `npm run check:kernels` (and `npm run build`) fails when one is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { translateRule } from "./lib/rule-kernels.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Each kernel: its name, the file of its loop and the loop's function. */
export const RULES = [
  { name: "sgd", file: "src/optimizers/sgd.ts", fn: "sgdUpdate" },
  { name: "adagrad", file: "src/optimizers/adagrad.ts", fn: "adagradUpdate" },
  { name: "rmsprop", file: "src/optimizers/rmsprop.ts", fn: "rmspropUpdate" },
  { name: "adadelta", file: "src/optimizers/adadelta.ts", fn: "adadeltaUpdate" },
  { name: "adam", file: "src/optimizers/adam.ts", fn: "adamUpdate" },
  { name: "adamax", file: "src/optimizers/adamax.ts", fn: "adamaxUpdate" },
  { name: "nadam", file: "src/optimizers/nadam.ts", fn: "nadamUpdate" },
  { name: "yogi", file: "src/optimizers/yogi.ts", fn: "yogiUpdate" },
  { name: "emaMomentum", file: "src/optimizers/emaMomentum.ts", fn: "emaMomentumUpdate" },
  { name: "heavyBall", file: "src/optimizers/heavyBall.ts", fn: "heavyBallUpdate" },
  { name: "nesterov", file: "src/optimizers/nesterov.ts", fn: "nesterovUpdate" },
];

/** The generated text of every rule kernel: [{ path (relative to the repository), text }]. */
export function ruleKernels() {
  return RULES.map(({ name, file, fn }) => ({
    path: `src/kernels/${name}.wat`,
    text: translateRule(readFileSync(join(root, file), "utf8"), file, fn, name, { read: (path) => readFileSync(join(root, path), "utf8") }).wat,
  }));
}

/** Paths of the committed kernels that differ from what their loops generate now. */
export function staleRuleKernels() {
  return ruleKernels()
    .filter(({ path, text }) => {
      try {
        return readFileSync(join(root, path), "utf8") !== text;
      } catch {
        return true;
      }
    })
    .map(({ path }) => path);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--check")) {
    const stale = staleRuleKernels();
    if (stale.length > 0) {
      console.error(`${stale.join(", ")}: out of date with the rules' loops in src/optimizers/; run \`npm run kernels\` and commit the result`);
      process.exit(1);
    }
    console.log(`${RULES.length} rule kernels match their loops`);
  } else {
    for (const { path, text } of ruleKernels()) writeFileSync(join(root, path), text);
    console.log(`wrote ${RULES.length} rule kernels`);
  }
}
