// Starting, driving and stopping a JupyterHub (class/jupyterhub_config.py) from a script: the hub test,
// `npm run bench:class` and `npm run class:hub` use it. Everything binds 127.0.0.1.
//
// Every process the hub starts (the proxy, each student's server, their kernels) inherits a marker
// OPTIMLAB_HUB_RUN=<id> in its environment, so `stop()` ends exactly those processes, by pid, even when a
// student's server or kernel runs in a session of its own.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { jupyterEnv, root, venvBin } from "../../scripts/lib/python-env.mjs";

export const hubConfig = join(root, "class", "jupyterhub_config.py");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function portFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** A port p on 127.0.0.1 with p, p + 1 and p + 2 free (the hub, the proxy's API, the hub's API). */
export async function freePortTriple() {
  for (let attempt = 0; attempt < 200; attempt++) {
    const p = 20000 + Math.floor(Math.random() * 20000);
    if ((await portFree(p)) && (await portFree(p + 1)) && (await portFree(p + 2))) return p;
  }
  throw new Error("no three consecutive free ports on 127.0.0.1 between 20000 and 40002");
}

/** Pids of the live processes whose environment carries OPTIMLAB_HUB_RUN=<runId> (Linux /proc). */
export function processesOfRun(runId) {
  const marker = Buffer.from(`OPTIMLAB_HUB_RUN=${runId}\0`);
  const pids = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`).includes(marker)) pids.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

function killAll(pids, signal) {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** The command line of a process, as a string ("" when it is gone). */
export function commandLine(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    return "";
  }
}

/** Resident and proportional set size of a process in bytes (PSS counts shared pages once per sharer). */
export function memoryOf(pid) {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(rollup)?.[1] ?? NaN) * 1024;
    return { rss: field("Rss"), pss: field("Pss") };
  } catch {
    return null;
  }
}

/**
 * Ends processes left by an earlier hub whose owning script died without cleaning up (killed with
 * SIGKILL, say): they carry OPTIMLAB_HUB_OWNER=<pid> of a process that no longer exists.
 */
export function reapOrphans() {
  const reaped = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let owner;
    try {
      owner = /(?:^|\0)OPTIMLAB_HUB_OWNER=(\d+)\0/.exec(readFileSync(`/proc/${entry}/environ`, "latin1"))?.[1];
    } catch {
      continue;
    }
    if (!owner) continue;
    try {
      process.kill(Number(owner), 0);
    } catch {
      reaped.push(commandLine(Number(entry)));
      killAll([Number(entry)], "SIGKILL");
    }
  }
  return reaped;
}

/** CPU seconds (user + system) a process has used so far, or null when it is gone. */
export function cpuSecondsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100 on Linux)
  } catch {
    return null;
  }
}

const live = new Set();
function stopEverythingNow() {
  for (const hub of live) hub.killNow();
}
process.once("exit", stopEverythingNow);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.once(signal, () => {
    stopEverythingNow();
    process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 })[signal]);
  });
}

/**
 * Starts JupyterHub with the class config and waits until its API answers. Options: stateDir (its
 * database, log and the students' folders), users (allowed usernames), port (default: a free one).
 * Resolves to a handle with the hub's url, its admin token, REST helpers and stop().
 */
export async function startHub({ stateDir, users = [], port, log = () => {} }) {
  mkdirSync(stateDir, { recursive: true });
  const reaped = reapOrphans();
  if (reaped.length) log(`ended ${reaped.length} processes an earlier hub left behind: ${reaped.join("; ")}`);
  port ??= await freePortTriple();
  const runId = randomBytes(8).toString("hex");
  const adminToken = randomBytes(24).toString("hex");
  const url = `http://127.0.0.1:${port}`;
  const logFile = join(stateDir, "hub.log");
  const out = createWriteStream(logFile, { flags: "a" });
  const child = spawn(venvBin("jupyterhub"), ["-f", hubConfig], {
    cwd: stateDir,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: jupyterEnv({
      OPTIMLAB_HUB_RUN: runId,
      OPTIMLAB_HUB_OWNER: String(process.pid),
      OPTIMLAB_HUB_PORT: String(port),
      OPTIMLAB_HUB_STATE: stateDir,
      OPTIMLAB_HUB_AUTH: "dummy",
      OPTIMLAB_HUB_PASSWORD: randomBytes(12).toString("hex"),
      OPTIMLAB_HUB_ADMIN_TOKEN: adminToken,
      OPTIMLAB_HUB_USERS: users.join(","),
    }),
  });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  let exited = null;
  child.on("exit", (code, signal) => (exited = { code, signal }));

  const hub = {
    url,
    port,
    runId,
    adminToken,
    logFile,
    pid: child.pid,
    /** Calls the hub's REST API; resolves to { status, body }. */
    async api(method, path, body, token = adminToken) {
      const response = await fetch(`${url}/hub/api${path}`, {
        method,
        headers: { Authorization: `token ${token}`, "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON
      }
      return { status: response.status, body: parsed };
    },
    async must(method, path, body, expected = [200, 201]) {
      const r = await hub.api(method, path, body);
      if (!expected.includes(r.status)) throw new Error(`hub API ${method} ${path}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 500)}`);
      return r.body;
    },
    /** Creates the users (idempotent) and returns a fresh API token for each, by name. */
    async addUsers(names) {
      const existing = new Set((await hub.must("GET", "/users")).map((u) => u.name));
      const missing = names.filter((n) => !existing.has(n));
      if (missing.length) await hub.must("POST", "/users", { usernames: missing });
      const tokens = {};
      for (const name of names) {
        tokens[name] = (await hub.must("POST", `/users/${name}/tokens`, { note: "optimlab class script", expires_in: 3600 })).token;
      }
      return tokens;
    },
    /** Starts a student's server and waits until it is ready; resolves to the seconds it took. */
    async startServer(name, timeoutSeconds = 180) {
      const t0 = performance.now();
      await hub.must("POST", `/users/${name}/server`, undefined, [201, 202, 400]);
      while (performance.now() - t0 < timeoutSeconds * 1000) {
        const user = await hub.must("GET", `/users/${name}`);
        const server = user.servers?.[""];
        if (server?.ready) return (performance.now() - t0) / 1000;
        if (!server && !user.pending) throw new Error(`${name}'s server failed to start; see ${logFile}`);
        await sleep(500);
      }
      throw new Error(`${name}'s server was not ready after ${timeoutSeconds} s; see ${logFile}`);
    },
    async stopServer(name) {
      await hub.must("DELETE", `/users/${name}/server`, undefined, [202, 204, 400]);
    },
    /** The student's server URL (behind the hub's proxy). */
    serverUrl(name) {
      return `${url}/user/${name}`;
    },
    /** Pids of every process this hub started, itself included. */
    processes() {
      return processesOfRun(runId);
    },
    killNow() {
      killAll([child.pid, ...processesOfRun(runId)], "SIGKILL");
      live.delete(hub);
    },
    /** Stops the hub (which stops the students' servers and the proxy), then ends whatever is left. */
    async stop() {
      if (exited === null) killAll([child.pid], "SIGTERM");
      for (let i = 0; i < 100 && (exited === null || processesOfRun(runId).length); i++) await sleep(200);
      const left = processesOfRun(runId);
      killAll(left, "SIGKILL");
      if (exited === null) killAll([child.pid], "SIGKILL");
      live.delete(hub);
      out.end();
      return left.map((pid) => commandLine(pid));
    },
  };
  live.add(hub);

  const t0 = performance.now();
  while (true) {
    if (exited) {
      live.delete(hub);
      await sleep(100);
      throw new Error(`JupyterHub exited (${JSON.stringify(exited)}) before it answered:\n${readFileSync(logFile, "utf8").slice(-3000)}`);
    }
    try {
      const r = await fetch(`${url}/hub/api/`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - t0 > 120000) {
      await hub.stop();
      throw new Error(`JupyterHub did not answer on ${url} within 120 s:\n${readFileSync(logFile, "utf8").slice(-3000)}`);
    }
    await sleep(250);
  }
  log(`hub up on ${url} in ${((performance.now() - t0) / 1000).toFixed(1)} s (run ${runId}, log ${logFile})`);
  return hub;
}

/** Executes a notebook on a student's server (class/lib/execute_remote.py); resolves to its summary. */
export function executeRemote(python, serverUrl, token, path, output) {
  return new Promise((resolvePromise) => {
    const child = spawn(python, [join(root, "class", "lib", "execute_remote.py"), serverUrl, token, path, output], { stdio: ["ignore", "pipe", "pipe"], env: jupyterEnv() });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      try {
        resolvePromise({ output, ...JSON.parse(line) });
      } catch {
        resolvePromise({ output, ok: false, seconds: 0, cells: [], error: { kind: `remote executor exited ${code}`, message: (out + err).slice(-4000) } });
      }
    });
  });
}
