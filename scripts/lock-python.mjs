#!/usr/bin/env node
// `npm run python:lock`: resolves requirements.in in a scratch environment and writes every installed
// package, pinned, to requirements.txt (what `npm install` installs into .venv/).
import { lockRequirements } from "./lib/python-lock.mjs";

try {
  lockRequirements({
    command: "python:lock",
    install: ["requirements.in"],
    output: "requirements.txt",
    header: "# Generated from requirements.in by `npm run python:lock` (pip freeze of a fresh environment). Do not edit by hand.",
  });
} catch (e) {
  console.error(e.message);
  process.exitCode = 1;
}
