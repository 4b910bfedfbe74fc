import { Agent, request } from "node:http";
import { parentPort, workerData } from "node:worker_threads";

// The load generator of the referral-redirect benchmark, in a worker thread: keep-alive
// connections, each sending its next GET as soon as the previous answer arrives.

export interface RedirectJob {
  port: number;
  paths: string[];
  connections: number;
  requests: number;
}

export interface RedirectResult {
  ms: number;
  latencies: number[];
  failures: string[];
}

async function run(job: RedirectJob): Promise<RedirectResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.connections });
  const latencies: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const get = (path: string) =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const req = request({ host: "127.0.0.1", port: job.port, path, agent }, (res) => {
        res.resume();
        res.on("end", () => {
          latencies.push(performance.now() - started);
          if (res.statusCode !== 302 || !res.headers.location) failures.push(`${res.statusCode} ${path}`);
          resolve();
        });
      });
      req.on("error", (e) => {
        failures.push(e.message);
        resolve();
      });
      req.end();
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: job.connections }, async () => {
      for (let i = next++; i < job.requests; i = next++) await get(job.paths[i % job.paths.length] as string);
    }),
  );
  const ms = performance.now() - started;
  agent.destroy();
  return { ms, latencies, failures };
}

if (parentPort && workerData) {
  const port = parentPort;
  run(workerData as RedirectJob).then((result) => port.postMessage(result));
}
