/**
 * The project's Jupyter kernel: tslab's TypeScript executor and wire protocol, with failed cells
 * reported the way Jupyter clients expect.
 *
 * tslab 1.0 prints a failing cell's exception to stderr and replies `status: "error"` without the
 * iopub `error` message (no ename, evalue, traceback), so JupyterLab shows red text but nbclient,
 * nbgrader and nbval see no error output; and after an error it cancels every request that arrives
 * within the next 200 ms, whatever its `stop_on_error`. This entry point keeps tslab's compiler,
 * executor and sockets and replaces only its execute handler:
 *
 * - a failing cell sends an iopub `error` message and an `execute_reply` carrying ename, evalue and
 *   traceback (a TypeScript compile error is reported as `CompileError` with every diagnostic);
 * - after a failure, the execute requests already queued with `stop_on_error` (JupyterLab's "Run All")
 *   are answered `aborted` without running; requests that arrive later run normally.
 *
 * kernel.json runs it as `node dist/kernel/main.js --config-path {connection_file}`.
 */
import { format } from "node:util";
import { formatError, formatDiagnostics, type ErrorContent } from "./errors";
import { StopOnErrorQueue } from "./queue";

/* eslint-disable @typescript-eslint/no-var-requires */
const tslabJupyter = require("tslab/dist/jupyter") as TslabJupyter;
const { createConverter } = require("tslab/dist/converter") as { createConverter(o: { isJS: boolean; isBrowser: boolean }): Converter };
const { createExecutor } = require("tslab/dist/executor") as { createExecutor(root: string, convs: ConverterSet, console: ExecutorConsole): Executor };

interface Converter {
  close(): void;
}
interface ConverterSet {
  readonly node: Converter;
  readonly browser: Converter;
  close(): void;
}
interface ExecutorConsole {
  log(...args: unknown[]): void;
  error(...args: unknown[]): void;
}
interface Executor {
  execute(src: string): Promise<boolean>;
  interrupt(): void;
  close(): void;
}
type WriteStream = (name: string, text: string) => void;
type WriteDisplayData = (data: unknown, update: boolean) => void;
type WriteIopub = (msgType: string, content: unknown) => void;
interface ExecuteRequest {
  code: string;
  silent?: boolean;
  stop_on_error?: boolean;
}
interface WireMessage {
  content: ExecuteRequest;
  createReply(): { header: { msg_type: string }; content: unknown; signAndSend(key: string, sock: unknown): void };
}
interface TslabJupyter {
  lastWriteDisplayData: WriteDisplayData | null;
  JupyterHandlerImpl: new (executor: Executor, isJs: boolean) => object;
  ZmqServer: new (handler: object, configPath: string) => { init(): Promise<void> };
}

/** tslab's converters, created on first use (one for Node code, one for `//%browser` cells). */
class Converters implements ConverterSet {
  private nodeConverter?: Converter;
  private browserConverter?: Converter;
  get node(): Converter {
    this.nodeConverter ??= createConverter({ isJS: false, isBrowser: false });
    return this.nodeConverter;
  }
  get browser(): Converter {
    this.browserConverter ??= createConverter({ isJS: false, isBrowser: true });
    return this.browserConverter;
  }
  close(): void {
    this.nodeConverter?.close();
    this.browserConverter?.close();
  }
}

/**
 * What the executor reports through its console while a cell runs: an exception object
 * (`console.error(e)`) or compile diagnostics (`console.error("%s%d:%d - %s", …)`, one per line).
 */
class FailureRecorder implements ExecutorConsole {
  private recording = false;
  private exceptions: unknown[] = [];
  private diagnostics: string[] = [];

  log(...args: unknown[]): void {
    console.log(...args);
  }

  error(...args: unknown[]): void {
    if (!this.recording) {
      console.error(...args);
    } else if (typeof args[0] === "string" && args.length > 1) {
      this.diagnostics.push(format(...args));
    } else {
      this.exceptions.push(args[0]);
    }
  }

  start(): void {
    this.recording = true;
    this.exceptions = [];
    this.diagnostics = [];
  }

  /** Stops recording; for a failed cell, the error to report; for a cell that ran, prints any diagnostics. */
  finish(ok: boolean): ErrorContent | undefined {
    this.recording = false;
    if (ok) {
      // Module cells (`//%module`) register even with diagnostics: show them as warnings.
      for (const line of this.diagnostics) console.error(line);
      return undefined;
    }
    if (this.exceptions.length > 0) return formatError(this.exceptions[0]);
    return formatDiagnostics(this.diagnostics);
  }
}

function startKernel(configPath: string): void {
  const recorder = new FailureRecorder();
  const converters = new Converters();
  void converters.node; // compile the TypeScript service now, not in the first cell
  const executor = createExecutor(process.cwd(), converters, recorder);
  const queue = new StopOnErrorQueue();
  let executionCount = 0;

  /** The streams of the request being run; tslab also forwards output written after a cell finishes. */
  const streamTo = (writeStream: WriteStream) => {
    const writer = (name: string) => (chunk: string | Uint8Array) => {
      writeStream(name, typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk));
      return true;
    };
    process.stdout.write = writer("stdout") as typeof process.stdout.write;
    process.stderr.write = writer("stderr") as typeof process.stderr.write;
  };

  class Handler extends tslabJupyter.JupyterHandlerImpl {
    async execute(request: ExecuteRequest, writeIopub: WriteIopub, writeDisplayData: WriteDisplayData): Promise<Record<string, unknown>> {
      const stopOnError = request.stop_on_error !== false;
      return queue.run<Record<string, unknown>>(stopOnError, {
        run: async () => {
          streamTo((name, text) => writeIopub("stream", { name, text }));
          tslabJupyter.lastWriteDisplayData = writeDisplayData;
          const count = ++executionCount;
          writeIopub("execute_input", { code: request.code, execution_count: count });
          recorder.start();
          let ok: boolean;
          try {
            ok = await executor.execute(request.code);
          } catch (e) {
            recorder.error(e);
            ok = false;
          }
          const failure = recorder.finish(ok);
          if (!failure) return { ok: true, reply: { status: "ok", execution_count: count, user_expressions: {} } };
          writeIopub("error", failure);
          return { ok: false, reply: { status: "error", execution_count: count, ...failure } };
        },
        abort: () => ({ status: "aborted", execution_count: null }),
      });
    }
  }

  class Server extends tslabJupyter.ZmqServer {
    /** tslab's message class, taken from the first request (kernel_info, which clients send first). */
    private messageClass?: { fromRaw(key: string, raw: unknown[]): WireMessage };

    handleKernelInfo(sock: unknown, msg: WireMessage): void {
      this.messageClass ??= msg.constructor as unknown as { fromRaw(key: string, raw: unknown[]): WireMessage };
      (tslabJupyter.ZmqServer.prototype as unknown as { handleKernelInfo(s: unknown, m: WireMessage): void }).handleKernelInfo.call(this, sock, msg);
    }

    /**
     * Requests tslab leaves unanswered or answers wrongly: JupyterLab's `history_request` (tslab keeps
     * no history: an empty one) and `comm_info_request` (tslab replies with the wrong message type).
     */
    async handleShellMessage(sock: unknown, ...raw: Buffer[]): Promise<void> {
      const type = this.messageClass ? peekMessageType(raw) : undefined;
      const replies: Record<string, [string, unknown]> = {
        history_request: ["history_reply", { status: "ok", history: [] }],
        comm_info_request: ["comm_info_reply", { status: "ok", comms: {} }],
      };
      const answer = type ? replies[type] : undefined;
      const base = tslabJupyter.ZmqServer.prototype as unknown as { handleShellMessage(s: unknown, ...r: Buffer[]): Promise<void> };
      if (!answer || !this.messageClass) return base.handleShellMessage.call(this, sock, ...raw);
      const self = this as unknown as { connInfo: { key: string }; publishStatus(status: string, parent: WireMessage): void };
      const msg = this.messageClass.fromRaw(self.connInfo.key, raw);
      self.publishStatus("busy", msg);
      try {
        const reply = msg.createReply();
        reply.header.msg_type = answer[0];
        reply.content = answer[1];
        reply.signAndSend(self.connInfo.key, sock);
      } finally {
        self.publishStatus("idle", msg);
      }
    }

    // Replaces tslab's execute handler, which has no way to send an iopub `error` message.
    async handleExecute(sock: unknown, msg: WireMessage): Promise<void> {
      const self = this as unknown as { connInfo: { key: string }; iopub: unknown; handler: Handler };
      const writeIopub: WriteIopub = (msgType, content) => {
        const message = msg.createReply();
        message.header.msg_type = msgType;
        message.content = content;
        message.signAndSend(self.connInfo.key, self.iopub);
      };
      const writeDisplayData: WriteDisplayData = (data, update) => writeIopub(update ? "update_display_data" : "display_data", data);
      const content = await self.handler.execute(msg.content, writeIopub, writeDisplayData);
      const reply = msg.createReply();
      reply.header.msg_type = "execute_reply";
      reply.content = content;
      reply.signAndSend(self.connInfo.key, sock);
    }
  }

  const server = new Server(new Handler(executor, false), configPath);
  process.on("SIGINT", () => executor.interrupt());
  process.on("uncaughtException", (err) => console.error("Uncaught exception (after its cell finished):", err));
  process.on("unhandledRejection", (reason) => console.error("Unhandled promise rejection (after its cell finished):", reason));
  // Two kernels started at once can be handed the same port; the one that loses the bind would sit
  // half-connected and never answer. Exiting lets Jupyter restart it on fresh ports (JupyterLab's server
  // does; for nbclient, scripts/lib/execute_notebook.py starts a fresh kernel the same way).
  server.init().catch((e: unknown) => {
    console.error(`kernel: could not bind its sockets (${e instanceof Error ? e.message : String(e)}); exiting so that Jupyter restarts it`);
    process.exit(1);
  });
}

/** The msg_type in a raw wire message's header (the frame after the delimiter and the signature). */
function peekMessageType(raw: Buffer[]): string | undefined {
  const delimiter = raw.findIndex((frame) => frame.toString() === "<IDS|MSG>");
  if (delimiter < 0 || !raw[delimiter + 2]) return undefined;
  try {
    return (JSON.parse(raw[delimiter + 2].toString()) as { msg_type?: string }).msg_type;
  } catch {
    return undefined;
  }
}

function configPathFromArgs(argv: string[]): string {
  const i = argv.indexOf("--config-path");
  const path = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith("--config-path="))?.slice("--config-path=".length);
  if (!path) {
    console.error("usage: node dist/kernel/main.js --config-path CONNECTION_FILE (Jupyter passes it; see kernel.json)");
    process.exit(2);
  }
  return path;
}

startKernel(configPathFromArgs(process.argv.slice(2)));
