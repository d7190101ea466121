/**
 * A learning-rate schedule: the learning rate of the update with 0-based index `step` (the first
 * update uses `schedule(0)`), in closed form, so any step can be evaluated, plotted or skipped to.
 * The index counts optimizer updates (PyTorch's `last_epoch` when the scheduler steps once per update).
 */
export type Schedule = (step: number) => number;

/** What an optimizer's `lr` option accepts: a constant or a schedule. */
export type LearningRate = number | Schedule;
