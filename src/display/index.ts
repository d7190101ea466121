export * from "./figure";
export * from "./jupyter";
export * from "./plot";
export * from "./math";
export * from "./table";
export * from "./progress";
export * from "./check";
export * from "./figures";
