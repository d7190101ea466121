export * from "./backend";
export * from "./adapter";
