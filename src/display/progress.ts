import { positiveInteger } from "../core/checks";
import { inNotebook, nextDisplayId, sendBundle } from "./jupyter";
import { escapeHtml } from "./htmlText";
import { type Progress, useProgressBar } from "../training/progress";

export type { Progress };

const MIN_INTERVAL_MS = 250;

/**
 * A progress bar for long loops. The clock only throttles how often an update is sent; what is
 * shown holds no clock reading, so the final output is the same on every run.
 * Outside a notebook it prints nothing but the closing line.
 */
export function progress(total: number, label = "progress"): Progress {
  positiveInteger("progress", "total", total);
  const displayId = nextDisplayId("optimlab-progress");
  let sent = false;
  let lastSent = 0;
  const show = (done: number, text: string | undefined, update: boolean) => {
    const fraction = Math.min(1, Math.max(0, done / total));
    const summary = `${label}: ${done}/${total}${text ? ` ${text}` : ""}`;
    sendBundle(
      {
        "text/html":
          `<div class="optimlab-progress"><progress value="${fraction.toFixed(4)}" max="1" style="width:16em"></progress> ` +
          `<span>${escapeHtml(summary)}</span></div>`,
        "text/plain": summary,
      },
      { displayId, update },
    );
  };
  return {
    update(done, text) {
      if (!inNotebook()) return;
      const now = Date.now();
      if (sent && now - lastSent < MIN_INTERVAL_MS) return;
      show(done, text, sent);
      sent = true;
      lastSent = now;
    },
    close(text) {
      if (!inNotebook()) {
        console.log(`${label}: ${total}/${total}${text ? ` ${text}` : ""}`);
        return;
      }
      show(total, text, sent);
      sent = true;
    },
  };
}

// The training loops' `progress: true` or a label shows this bar (they do not import the display layer).
useProgressBar(progress);
