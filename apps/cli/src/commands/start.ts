import { demoSignIn, loadConfig, startServer } from "@advo/server";
import type { Command } from "commander";
import { port } from "../args.ts";
import { progress } from "../output.ts";

export function registerStart(program: Command) {
  program
    .command("start")
    .description("serve the API and the web app on one port; loads the demo workspace into an empty database")
    .option("-p, --port <port>", "port to listen on (default: $PORT or 3000)", port)
    .option("--host <host>", "address to bind (default: $HOST or 127.0.0.1)")
    .option("--no-demo", "do not load the demo workspace into an empty database")
    .action(async (options: { port?: number; host?: string; demo: boolean }) => {
      // --database goes in as DATABASE_URL so what derives from it (the secret key file's place) follows.
      const database: string | undefined = program.opts().database;
      const base = loadConfig(database ? { ...process.env, DATABASE_URL: database } : process.env);
      const config = {
        ...base,
        port: options.port ?? base.port,
        host: options.host ?? base.host,
        demoOnEmpty: base.demoOnEmpty && options.demo,
        publicUrl: process.env.PUBLIC_URL ?? `http://localhost:${options.port ?? base.port}`,
      };
      const bar = progress("demo");
      const server = await startServer({ config, onDemoProgress: bar.update });
      bar.stop();
      const lines = [`Advo is running at ${config.publicUrl}`, `API docs: ${config.publicUrl}/api/v1/docs`];
      if (!server.webServed) lines.push("(web app not built: run `npm run build:web` to serve it here)");
      if (server.demo) {
        lines.push(
          `Demo workspace loaded. Sign in with workspace "${demoSignIn.workspace}", ${demoSignIn.email} / ${demoSignIn.password}`,
        );
      }
      process.stdout.write(`${lines.join("\n")}\n`);
      const shutdown = async () => {
        await server.stop();
        process.exit(0);
      };
      process.once("SIGINT", shutdown);
      process.once("SIGTERM", shutdown);
    });
}
