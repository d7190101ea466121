// The project's kernel (src/kernel/) over the Jupyter protocol, as nbclient, nbgrader and JupyterLab
// talk to it: a failing cell sends an `error` message with ename, evalue and traceback; a compile error
// is a CompileError; requests queued behind a failure with stop_on_error are aborted, later ones run;
// history and comm_info requests are answered; inspect shows doc comments; nbclient reports the error.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { executeNotebook, notebooksDir, root } from "../scripts/lib/notebooks.mjs";
import { environmentReady, jupyterEnv, registerKernel, venvPython } from "../scripts/lib/python-env.mjs";

const skip = environmentReady() ? false : "no .venv: run npm install";

const CLIENT = `
import json, queue, sys
from jupyter_client.manager import start_new_kernel
km, kc = start_new_kernel(kernel_name="tslab", cwd=sys.argv[1])
def batch(codes, stop=True):
    ids = [kc.execute(c, stop_on_error=stop) for c in codes]
    replies, errors = {}, {i: [] for i in ids}
    while len(replies) < len(ids):
        m = kc.get_shell_msg(timeout=120)
        if m["parent_header"].get("msg_id") in errors: replies[m["parent_header"]["msg_id"]] = m["content"]
    while True:
        try: m = kc.get_iopub_msg(timeout=0.5)
        except queue.Empty: break
        pid = m["parent_header"].get("msg_id")
        if pid in errors and m["msg_type"] == "error": errors[pid].append(m["content"])
    return [{"status": replies[i]["status"], "ename": replies[i].get("ename"), "errors": errors[i]} for i in ids]
out = {
  "runAll": batch(["const a = 1;", "import { adam } from 'optimlab'; adam({ lr: -1 });", "console.log('queued behind the error')"]),
  "after": batch(["console.log('sent after the error')", "const n: number = 'text';"]),
  "allowErrors": batch(["throw new Error('first')", "1 + 1"], stop=False),
  "history": kc.history(reply=True, timeout=30)["msg_type"],
  "commInfo": kc.comm_info(reply=True, timeout=30)["msg_type"],
}
kc.execute_interactive("import { adam } from 'optimlab';", timeout=120)
out["inspect"] = kc.inspect("adam", 4, reply=True, timeout=60)["content"]["data"].get("text/plain", "")
kc.stop_channels(); km.shutdown_kernel(now=True)
print(json.dumps(out))
`;

test("the kernel reports failed cells as Jupyter clients expect", { skip, timeout: 300_000 }, () => {
  registerKernel();
  const out = JSON.parse(execFileSync(venvPython, ["-c", CLIENT, notebooksDir], { encoding: "utf8", env: jupyterEnv() }).trim().split("\n").pop());
  const [ok, failed, queued] = out.runAll;
  assert.equal(ok.status, "ok");
  assert.equal(failed.status, "error");
  assert.equal(failed.ename, "RangeError");
  assert.equal(failed.errors.length, 1, "one iopub error message");
  assert.match(failed.errors[0].evalue, /adam: lr must be a finite number ≥ 0, got -1/);
  assert.ok(failed.errors[0].traceback.some((line) => line.includes("RangeError")));
  assert.equal(queued.status, "aborted", "a request queued behind the failure does not run");
  assert.equal(out.after[0].status, "ok", "a request sent after the failure runs");
  assert.equal(out.after[1].ename, "CompileError");
  assert.match(out.after[1].errors[0].evalue, /Type 'string' is not assignable to type 'number'/);
  assert.deepEqual(out.allowErrors.map((r) => r.status), ["error", "ok"], "with stop_on_error false (nbgrader, allow_errors) the next cell runs");
  assert.equal(out.history, "history_reply");
  assert.equal(out.commInfo, "comm_info_reply");
  assert.match(out.inspect, /function adam/);
  assert.match(out.inspect, /v_t ← β₂ v_{t−1}/);
});

/** Writes a notebook of code cells `sources` for kernel `kernel` at `path`. */
function writeNotebook(path, sources, kernel = "tslab") {
  const nb = {
    cells: sources.map((source) => ({ cell_type: "code", execution_count: null, metadata: {}, outputs: [], source })),
    metadata: { kernelspec: { display_name: kernel === "tslab" ? "TypeScript" : kernel, language: "typescript", name: kernel } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  writeFileSync(path, JSON.stringify(nb));
}

test("nbclient sees a failing lesson cell's error, name and message", { skip, timeout: 300_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "optimlab-kernel-"));
  writeNotebook(join(dir, "failing.ipynb"), ['import { sgd } from "optimlab";', "sgd({ lr: -1 });", 'console.log("not reached");']);
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(root, join(dir, "node_modules", "optimlab"), "dir");
  const result = await executeNotebook(venvPython, join(dir, "failing.ipynb"), join(dir, "out.ipynb"));
  assert.equal(result.ok, false);
  assert.equal(result.error.cell, 1);
  assert.equal(result.error.ename, "RangeError");
  assert.match(result.error.evalue, /sgd: lr must be/);
});

test("a kernel that exits before it answers is started again, as JupyterLab's server restarts it", { skip, timeout: 300_000 }, async () => {
  // Two kernels started at once can be handed the same port; the loser exits (src/kernel/main.ts). A
  // kernelspec whose first start (or every start) exits that way, then runs the project's kernel.
  const dir = mkdtempSync(join(tmpdir(), "optimlab-restart-"));
  const kernel = (name, failures) => {
    const spec = join(dir, "jupyter", "kernels", name);
    mkdirSync(spec, { recursive: true });
    const script = join(spec, "start.sh");
    writeFileSync(
      script,
      `n=$(cat "${spec}/starts" 2>/dev/null || echo 0); echo $((n + 1)) > "${spec}/starts"\n` +
        `if [ "$n" -lt ${failures} ]; then echo "kernel: could not bind its sockets (Address already in use)" >&2; exit 1; fi\n` +
        `exec "${process.execPath}" "${join(root, "dist", "kernel", "main.js")}" --config-path "$1"\n`,
    );
    writeFileSync(join(spec, "kernel.json"), JSON.stringify({ argv: ["sh", script, "{connection_file}"], display_name: name, language: "typescript" }));
  };
  const execute = (name) => {
    writeNotebook(join(dir, `${name}.ipynb`), ["console.log(6 * 7);"], name);
    return executeNotebook(venvPython, join(dir, `${name}.ipynb`), join(dir, `${name}.out.ipynb`), jupyterEnv({ JUPYTER_PATH: join(dir, "jupyter") }));
  };
  kernel("first-start-fails", 1);
  const once = await execute("first-start-fails");
  assert.equal(once.ok, true, JSON.stringify(once.error));
  assert.equal(once.kernelStarts, 2);
  const out = JSON.parse(readFileSync(join(dir, "first-start-fails.out.ipynb"), "utf8"));
  assert.equal([out.cells[0].outputs[0].text].flat().join(""), "42\n");
  kernel("never-starts", 99);
  const never = await execute("never-starts");
  assert.equal(never.ok, false);
  assert.equal(never.kernelStarts, 3);
  assert.equal(never.error.kind, "KernelStartError");
  assert.equal(readFileSync(join(dir, "jupyter", "kernels", "never-starts", "starts"), "utf8").trim(), "3");
});
