export { createApp } from "./app.ts";
export { type AppConfig, loadConfig } from "./config.ts";
export type { AppDeps } from "./deps.ts";
export { demoSignIn, type StartOptions, startServer } from "./main.ts";
export { jobHandlers, startWorker } from "./worker.ts";
