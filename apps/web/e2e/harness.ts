import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { SecretKeySource } from "@advo/core";
import type { Db, DialectName } from "@advo/db";
import { loadConfig, startServer } from "@advo/server";
import { type Browser, type ConsoleMessage, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { copyDemoTemplate } from "./demo-templates.ts";

export const webDist = fileURLToPath(new URL("../dist", import.meta.url));
export const screenshotDir = fileURLToPath(new URL("./screenshots", import.meta.url));

export interface TestServer {
  url: string;
  /** The server's own database handle, for what a journey must read behind the app (e.g. an emailed link). */
  db: Db;
  /** The server's secret key (what signs the unsubscribe links in its emails). */
  secretKey: SecretKeySource;
  stop(): Promise<void>;
}

/**
 * A real Advo server on a free loopback port with the demo workspace: its own copy of the demo template
 * the global setup loaded (a temp SQLite file, or a new PostgreSQL database on TEST_PG_URL's server,
 * dropped again by stop()). `env` adds configuration (e.g. PORT and PUBLIC_URL when a test needs the
 * address before the server starts).
 */
export async function startTestServer(dialect: DialectName, env: Record<string, string> = {}): Promise<TestServer> {
  const template = inject("demoTemplates")[dialect];
  if (!template) throw new Error(`the global setup built no ${dialect} demo template (is it in TEST_DIALECTS?)`);
  const db = await copyDemoTemplate(dialect, template);
  const config = {
    // The copy is not empty: the server loads no demo of its own.
    ...loadConfig({ DATABASE_URL: db.url, PORT: "0", ADVO_DEMO: "off", WORKER: "off", LOG_LEVEL: "warn", ...env }),
    webDist,
  };
  const server = await startServer({ config });
  try {
    if (!server.webServed) throw new Error(`the server did not find the web app in ${webDist}`);
    const demo = await server.app.deps.db
      .selectFrom("tenants")
      .select("tenantId")
      .where("slug", "=", DEMO.workspace)
      .executeTakeFirst();
    if (!demo) throw new Error(`the copy of the ${dialect} demo template holds no "${DEMO.workspace}" workspace`);
  } catch (error) {
    await server.stop();
    await db.drop();
    throw error;
  }
  return {
    url: server.address,
    db: server.app.deps.db,
    secretKey: server.app.deps.config.secretKey,
    stop: async () => {
      await server.stop();
      await db.drop();
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export interface ConsoleWatch {
  /** Console errors and uncaught page errors seen so far, except the allowed ones. */
  errors: string[];
  /**
   * The journey is about to cause this failed answer on purpose (Chromium logs every 4xx as an
   * error). Returns a function that ends the allowance.
   */
  allow(status: number, path: string | RegExp): () => void;
}

/** Collects every browser console error and uncaught page error; the journey fails if any appeared. */
export function watchConsole(page: Page): ConsoleWatch {
  const allowed: { status: number; path: string | RegExp }[] = [];
  const errors: string[] = [];
  const isAllowed = (message: ConsoleMessage) => {
    const status = /status of (\d{3})/.exec(message.text())?.[1];
    const where = message.location().url;
    if (!status || !where) return false;
    const path = new URL(where).pathname;
    return allowed.some(
      (a) => a.status === Number(status) && (typeof a.path === "string" ? a.path === path : a.path.test(path)),
    );
  };
  page.on("console", (message) => {
    if (message.type() === "error" && !isAllowed(message)) {
      errors.push(`console: ${message.text()} (${message.location().url})`);
    }
  });
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  const allow = (status: number, path: string | RegExp) => {
    const entry = { status, path };
    allowed.push(entry);
    return () => {
      allowed.splice(allowed.indexOf(entry), 1);
    };
  };
  return { errors, allow };
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(screenshotDir, { recursive: true });
  // Start at the top, and let transitions and skeletons settle so the picture shows the finished screen.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
}

export const DEMO = { workspace: "demo", email: "owner@demo.advo.dev", password: "advo-demo-2026" };

/** Signs in through the form as the demo owner (the session check's 401 before it is expected). */
export async function signIn(page: Page, watch: ConsoleWatch, next = "/") {
  const anonymous = watch.allow(401, "/api/v1/auth/me");
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Workspace").fill(DEMO.workspace);
  await page.getByLabel("Email").fill(DEMO.email);
  await page.getByLabel(/^Password/).fill(DEMO.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  anonymous();
}

export interface SignedInSession {
  server: TestServer;
  browser: Browser;
  page: Page;
  watch: ConsoleWatch;
}

/**
 * For one describe block: a server on its own copy of the demo workspace, a browser page signed in as
 * the demo owner and opened at `next`, and a check at the end that no console error went unexplained.
 * The fields are set once beforeAll has run.
 */
export function signedInSession(dialect: DialectName, next: string): SignedInSession {
  const session = {} as SignedInSession;
  beforeAll(async () => {
    [session.server, session.browser] = await Promise.all([startTestServer(dialect), launchBrowser()]);
    const context = await session.browser.newContext({
      viewport: { width: 1360, height: 900 },
      baseURL: session.server.url,
    });
    session.page = await context.newPage();
    session.page.setDefaultTimeout(15_000);
    session.watch = watchConsole(session.page);
    await signIn(session.page, session.watch, next);
  });
  afterAll(async () => {
    expect(session.watch?.errors ?? []).toEqual([]);
    await session.browser?.close();
    await session.server?.stop();
  });
  return session;
}

/** Calls the API from the page, with the page's session cookie. */
export function apiFromPage<T>(page: Page, path: string, init?: { method?: string; body?: unknown }): Promise<T> {
  return page.evaluate(
    async ({ path, init }) => {
      const response = await fetch(path, {
        method: init?.method ?? "GET",
        headers: init?.body === undefined ? {} : { "content-type": "application/json" },
        body: init?.body === undefined ? undefined : JSON.stringify(init.body),
      });
      if (!response.ok) throw new Error(`${init?.method ?? "GET"} ${path} answered ${response.status}`);
      return response.status === 204 ? null : response.json();
    },
    { path, init },
  ) as Promise<T>;
}

/** A loopback port free at the moment of asking (for a server whose address must be known in advance). */
export async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * An advocate's phone signed in to the hub the way they would be: they ask for a link at
 * /api/v1/hub/sign-in, and the page opens the link from the email the server queued. `close()` ends
 * the phone's browser context.
 */
export async function hubOnPhone(server: TestServer, browser: Browser, email: string) {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, baseURL: server.url });
  const hub = await phone.newPage();
  hub.setDefaultTimeout(15_000);
  const watch = watchConsole(hub);
  const asked = await fetch(`${server.url}/api/v1/hub/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ workspace: DEMO.workspace, email }),
  });
  expect(asked.status).toBe(202);
  const mail = await server.db
    .selectFrom("emailOutbox")
    .select("textBody")
    .where("toAddress", "=", email)
    .where("purpose", "=", "magic_link")
    .orderBy("createdAt", "desc")
    .executeTakeFirstOrThrow();
  const token = /\/hub\/sign-in#token=(\S+)/.exec(mail.textBody)?.[1] ?? "";
  await hub.goto(`/hub/sign-in#token=${token}`);
  await hub.waitForURL((url) => url.pathname === "/hub" && url.hash === "");
  return { hub, watch, close: () => phone.close() };
}
