export { exercise, exerciseKey, judgeExercise, type ExerciseResult } from "./exercise";
export { numberKey, functionKey, experimentKey, type ExerciseKey, type KnownMistake, type Knobs } from "./key";
export { exerciseKeys } from "./keys";
