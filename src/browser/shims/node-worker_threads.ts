// The browser bundle's stand-in for node:worker_threads. The kernels ask for a worker only with two or
// more threads (the node:os stand-in reports one), so this constructor is never reached; if it were,
// it fails loudly and the kernels fall back to running on the page's thread.
export class Worker {
  constructor() {
    throw new Error("optimlab's browser bundle runs every kernel on the page's thread (no node:worker_threads)");
  }
}
