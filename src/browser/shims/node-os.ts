// The browser bundle's stand-in for node:os: one thread, so the kernels never start a worker.
export function availableParallelism(): number {
  return 1;
}
