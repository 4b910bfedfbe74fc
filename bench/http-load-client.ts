import { Agent, request } from "node:http";
import { parentPort, workerData } from "node:worker_threads";
import type { FastifyInstance } from "fastify";

// The load generator of the HTTP benchmarks, in a worker thread (so client and server each get a
// core): keep-alive connections, each sending its next prebuilt request as soon as the previous one
// is answered.

export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  /** JSON. Prebuilt bytes spare the client encoding each body while it is being measured. */
  body?: string | Uint8Array;
}

export interface LoadJob {
  port: number;
  connections: number;
  headers: Record<string, string>;
  requests: LoadRequest[];
  /** Statuses that count as success. */
  ok: number[];
  /** A header every successful answer must carry (e.g. a redirect's location). */
  requiredHeader?: string;
}

export interface LoadResult {
  ms: number;
  latencies: number[];
  failures: string[];
}

async function run(job: LoadJob): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.connections });
  const latencies: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const send = (r: LoadRequest) =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const body = r.body === undefined ? undefined : typeof r.body === "string" ? Buffer.from(r.body) : r.body;
      const req = request(
        {
          host: "127.0.0.1",
          port: job.port,
          path: r.path,
          method: r.method,
          agent,
          headers: {
            ...job.headers,
            ...(body ? { "content-type": "application/json", "content-length": body.byteLength } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            latencies.push(performance.now() - started);
            const missing = job.requiredHeader !== undefined && !res.headers[job.requiredHeader];
            if (!job.ok.includes(res.statusCode ?? 0) || missing)
              failures.push(`${res.statusCode} ${r.path} ${Buffer.concat(chunks).toString().slice(0, 200)}`);
            resolve();
          });
        },
      );
      req.on("error", (e) => {
        failures.push(e.message);
        resolve();
      });
      req.end(body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: job.connections }, async () => {
      for (let i = next++; i < job.requests.length; i = next++) await send(job.requests[i] as LoadRequest);
    }),
  );
  const ms = performance.now() - started;
  agent.destroy();
  return { ms, latencies, failures };
}

if (parentPort && workerData) {
  const port = parentPort;
  run(workerData as LoadJob).then((result) => port.postMessage(result));
}

/** Runs a job in a worker thread; the worker registers the TypeScript loader first. */
export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const { Worker } = await import("node:worker_threads");
  return new Promise((resolve, reject) => {
    const client = new URL("./http-load-client.ts", import.meta.url).href;
    const boot = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(client)}); });`;
    const worker = new Worker(boot, { eval: true, workerData: job });
    worker.once("message", (result: LoadResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once("error", reject);
  });
}

/** The run's median and 99th-percentile latency; throws on the first failures, so no figure hides them. */
export function latencyFigures(result: LoadResult): { p50: number; p99: number } {
  if (result.failures.length > 0) throw new Error(`requests failed: ${result.failures.slice(0, 3).join("; ")}`);
  const sorted = [...result.latencies].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99) };
}

/** Starts a Fastify app on a free loopback port. */
export async function listen(app: FastifyInstance): Promise<number> {
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  return typeof address === "object" && address ? address.port : 0;
}
