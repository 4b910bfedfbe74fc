export { eraseContact } from "./erase.ts";
export { exportContact } from "./export.ts";
export * from "./privacy.schemas.ts";
