#!/usr/bin/env node
// `npm run class:lock`: resolves requirements-class.in (constrained by requirements.txt) in a scratch
// environment and writes the packages it adds, pinned, to requirements-class.txt.
import { lockRequirements } from "../scripts/lib/python-lock.mjs";

try {
  lockRequirements({
    command: "class:lock",
    install: ["requirements.txt", "requirements-class.in"],
    output: "requirements-class.txt",
    excludePinsOf: ["requirements.txt"],
    header: "# Generated from requirements-class.in by `npm run class:lock`: what it adds to requirements.txt, pinned. Do not edit by hand.",
  });
} catch (e) {
  console.error(e.message);
  process.exitCode = 1;
}
