import * as tf from "@tensorflow/tfjs";

/** The TensorFlow.js backends we try, fastest first. */
export type BackendName = "tensorflow" | "wasm" | "cpu";

let chosen: Promise<BackendName> | undefined;

/**
 * Picks the fastest TensorFlow.js backend that works on this machine and makes it current:
 * the native one of `@tensorflow/tfjs-node` when its library loads, else WASM, else plain JS.
 * Resolves to the name of the backend in use; later calls return the same answer.
 */
export function useFastestBackend(): Promise<BackendName> {
  chosen ??= choose();
  return chosen;
}

async function choose(): Promise<BackendName> {
  try {
    // Registers the "tensorflow" backend; throws when the native library is missing.
    require("@tensorflow/tfjs-node");
    if (await tf.setBackend("tensorflow")) return "tensorflow";
  } catch {
    // The optional native backend is not installed or cannot load: fall through to WASM.
  }
  try {
    require("@tensorflow/tfjs-backend-wasm");
    if (await tf.setBackend("wasm")) {
      await tf.ready();
      return "wasm";
    }
  } catch {
    // No WebAssembly backend: fall through to the plain JavaScript one.
  }
  await tf.setBackend("cpu");
  await tf.ready();
  return "cpu";
}
