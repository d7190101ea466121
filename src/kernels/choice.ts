/**
 * Which path an update rule's step runs on, as the user chose it with the optimizer option `kernel`
 * (as torch's `foreach`/`fused`): the rule's loop in JavaScript, or the WebAssembly kernel generated from
 * that loop (bit-identical results, faster from `KERNEL_MIN_LENGTH` parameters on).
 */
import { arena, type Arena, KERNEL_MIN_LENGTH, type RuleKernel } from "./arena";

/** "auto": the kernel from `KERNEL_MIN_LENGTH` parameters on; "js": always the loop; "wasm": always the kernel. */
export type KernelChoice = "auto" | "js" | "wasm";

export const KERNEL_CHOICES: readonly KernelChoice[] = ["auto", "js", "wasm"];

/**
 * Throws, naming `owner`, when `choice` is "wasm" and this JavaScript engine cannot compile the rule's
 * kernel (no WebAssembly, or none with SIMD); the factory calls it, so the optimizer is never made.
 */
export function checkKernelChoice(owner: string, kernel: RuleKernel<string> | undefined, choice: KernelChoice): void {
  if (choice !== "wasm") return;
  if (kernel === undefined) throw new RangeError(`${owner}: kernel "wasm": ${owner} has no WebAssembly kernel; use kernel "auto" or "js"`);
  try {
    kernel.modules.plain();
  } catch (error) {
    throw new Error(
      `${owner}: kernel "wasm" needs WebAssembly with SIMD, which this JavaScript engine lacks (${(error as Error).message}); use kernel "auto" or "js"`,
    );
  }
}

/**
 * The arena a rule's step runs its kernel in for n parameters under `choice`, or undefined for the loop:
 * "js" never, "auto" from `KERNEL_MIN_LENGTH` parameters on when WebAssembly memory can be had, "wasm"
 * for any n > 0 (a RangeError naming `owner` when the memory cannot be had; nothing has changed then).
 */
export function ruleArena<K extends string, S extends object>(
  owner: string,
  kernel: RuleKernel<K>,
  state: Record<K, boolean>,
  n: number,
  choice: KernelChoice,
): Arena<K, S> | undefined {
  if (choice === "js") return undefined;
  if (choice === "auto") return arena<K, S>(kernel, state, n);
  const made = arena<K, S>(kernel, state, n, 1);
  if (made === undefined && n > 0) {
    throw new RangeError(`${owner}: kernel "wasm" could not get WebAssembly memory for ${n} parameters; use kernel "auto" or "js"`);
  }
  return made;
}
