/**
 * The one place that talks to the tslab kernel. tslab's public `display` sends one MIME type per
 * message; a bundle (plotly JSON + HTML fallback + plain text) needs its lower-level writer, which
 * tslab keeps in `tslab/dist/jupyter` while a cell executes.
 */

/** A Jupyter MIME bundle: MIME type to content (strings, or JSON for `application/*+json`). */
export type MimeBundle = Record<string, unknown>;

interface DisplayMessage {
  data: MimeBundle;
  metadata: Record<string, unknown>;
  transient: { display_id?: string };
}
type Writer = (message: DisplayMessage, update: boolean) => void;

function writer(): Writer | undefined {
  try {
    // Resolved from this package, so it is the same module instance as the running kernel's.
    const kernel = require("tslab/dist/jupyter") as { lastWriteDisplayData: Writer | null };
    return kernel.lastWriteDisplayData ?? undefined;
  } catch {
    return undefined;
  }
}

/** True while code runs inside a tslab notebook cell. */
export function inNotebook(): boolean {
  return writer() !== undefined;
}

/**
 * Sends a MIME bundle to the notebook. With `displayId`, later calls with `update: true` replace
 * that output in place (update_display_data); `metadata` goes with the output (the notebook saves it).
 * Outside a notebook it prints the `text/plain` part.
 */
export function sendBundle(data: MimeBundle, options: { displayId?: string; update?: boolean; metadata?: Record<string, unknown> } = {}): void {
  const write = writer();
  if (!write) {
    if (!options.update && typeof data["text/plain"] === "string") console.log(data["text/plain"]);
    return;
  }
  const transient = options.displayId ? { display_id: options.displayId } : {};
  write({ data, metadata: options.metadata ?? {}, transient }, options.update ?? false);
}

let counter = 0;
/**
 * A display id unique in this kernel session. Deterministic (a counter, not a clock or random
 * bytes), so executing a notebook twice gives identical outputs.
 */
export function nextDisplayId(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

