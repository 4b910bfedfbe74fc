export { DEMO_PASSWORD, DEMO_USERS, DEMO_WORKSPACE, type DemoOptions, loadDemo, loadDemoIfEmpty } from "./demo.ts";
