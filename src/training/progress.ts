/**
 * How the training loops report progress without knowing how it is shown: `fit`, `trainEach` and
 * `tuneLearningRates` take a progress option, and whoever shows progress passes a bar in. The display
 * layer registers the notebook's progress bar as the default when it loads (display/progress.ts), so
 * `fit(..., { progress: "Adam" })` shows one wherever the package is imported; a function given as the
 * option is used instead (a logger, a test's recorder).
 */

/** A progress display for one loop: `update` after each unit of work, `close` once at the end. */
export interface Progress {
  /** Reports `done` of `total` units, with optional text (a loss, say). May be throttled. */
  update(done: number, text?: string): void;
  /** Shows the final state; always sent. */
  close(text?: string): void;
}

/** Makes the progress display of a loop of `total` units, labelled `label`. */
export type ProgressBar = (total: number, label: string) => Progress;

/** The progress option of the training loops: true or a label for the default bar, or a bar of your own. */
export type ProgressOption = boolean | string | ProgressBar;

let defaultBar: ProgressBar | undefined;

/** Sets the bar that `progress: true` or a label shows (the display layer sets the notebook's). */
export function useProgressBar(bar: ProgressBar): void {
  defaultBar = bar;
}

/** The progress display an option asks for, or undefined (no option, false, or no default bar set). */
export function openProgress(option: ProgressOption | undefined, total: number, label: string): Progress | undefined {
  if (option === undefined || option === false) return undefined;
  if (typeof option === "function") return option(total, label);
  return defaultBar?.(total, option === true ? label : option);
}
