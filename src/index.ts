/**
 * optimlab: optimizers, schedules, problems, datasets, a from-scratch MLP, training loops and the
 * notebook display layer. Everything a lesson imports comes from here: `import { adam } from "optimlab"`.
 */
export * from "./optimizers";
export * from "./schedules";
export * from "./transforms";
export * from "./problems";
export * from "./data";
export * from "./networks";
export * from "./training";
export * from "./display";
export * from "./tfjs";
export * from "./exercises";
export { cholesky, choleskySolve } from "./math/cholesky";
export { symmetricEigenvalues } from "./math/symmetricEigenvalues";
