import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..", "..");

test("the README's library example runs and prints what the README says", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const example = readme.match(/## The library at a glance[\s\S]*?```ts\n([\s\S]*?)```/)?.[1];
  assert.ok(example, "README has no ts example under 'The library at a glance'");
  const claimed = readme.match(/prints `(after [^`]+)`/)?.[1];
  assert.ok(claimed, "README does not say what the example prints");
  // Written under notebooks/, where "optimlab" resolves as it does for a lesson.
  const file = join(root, "notebooks", "node_modules", ".readme-example.ts");
  writeFileSync(file, example);
  try {
    const out = execFileSync(process.execPath, ["--import", "tsx", file], { cwd: join(root, "notebooks"), encoding: "utf8" });
    assert.equal(out.split("\n")[0], claimed);
    assert.match(out.split("\n")[1], /^Adam's first moment: \[-?\d\.\d{4}, -?\d\.\d{4}\]$/);
  } finally {
    rmSync(file, { force: true });
  }
});
