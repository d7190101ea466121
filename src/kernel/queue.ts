/**
 * Execute requests run one at a time, in the order they arrived. When a request fails and asked to
 * stop on error, every request already waiting behind it is aborted without running, as ipykernel
 * does: that is how a front end's "Run All" stops at the first failing cell. Requests that arrive
 * after the failure run normally (tslab instead cancelled whatever arrived in the next 200 ms).
 */
export interface QueuedTask<R> {
  /** Runs the request; `ok: false` marks a failure. */
  run(): Promise<{ ok: boolean; reply: R }>;
  /** The reply of a request that was aborted before it ran. */
  abort(): R;
}

/**
 * Starts the next request on a later turn of the event loop, not in a microtask: a cell compiles and
 * runs synchronously, so requests the front end sent together (still in the socket's queue) are read
 * and queued first, and a failure can abort them.
 */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class StopOnErrorQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = new Set<{ aborted: boolean }>();

  /** Queues a request; resolves to its reply once it has run or been aborted. */
  run<R>(stopOnError: boolean, task: QueuedTask<R>): Promise<R> {
    const entry = { aborted: false };
    this.waiting.add(entry);
    const result = this.tail.then(nextTurn).then(async () => {
      this.waiting.delete(entry);
      if (entry.aborted) return task.abort();
      let outcome: { ok: boolean; reply: R };
      try {
        outcome = await task.run();
      } catch (e) {
        // run() reports failures itself; anything thrown here is a bug in the kernel: stop the queue too.
        console.error("kernel: unexpected failure while executing a request:", e);
        this.abortWaiting();
        throw e;
      }
      if (!outcome.ok && stopOnError) this.abortWaiting();
      return outcome.reply;
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  private abortWaiting(): void {
    for (const entry of this.waiting) entry.aborted = true;
    this.waiting.clear();
  }
}
