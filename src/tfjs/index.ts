export * from "./backend";
export * from "./adapter";
export * from "./tensors";
