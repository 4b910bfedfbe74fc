import { Agent, request } from "node:http";
import { parentPort, workerData } from "node:worker_threads";

// The load generator of the segment-http benchmark, in a worker thread so that client and server
// each have a core: keep-alive connections, each sending its next prebuilt batch as soon as the
// previous one is answered.

export interface ClientJob {
  port: number;
  writeKey: string | null;
  connections: number;
  bodies: Buffer[];
}

export interface ClientResult {
  ms: number;
  latencies: number[];
  failures: string[];
}

async function run(job: ClientJob): Promise<ClientResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.connections });
  const auth = job.writeKey ? `Basic ${Buffer.from(`${job.writeKey}:`).toString("base64")}` : undefined;
  const latencies: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const send = (body: Buffer) =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const req = request(
        {
          host: "127.0.0.1",
          port: job.port,
          path: "/v1/batch",
          method: "POST",
          agent,
          headers: {
            "content-type": "application/json",
            "content-length": body.length,
            ...(auth ? { authorization: auth } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            latencies.push(performance.now() - started);
            if (res.statusCode !== 200)
              failures.push(`${res.statusCode} ${Buffer.concat(chunks).toString().slice(0, 200)}`);
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
      for (let i = next++; i < job.bodies.length; i = next++) await send(job.bodies[i] as Buffer);
    }),
  );
  const ms = performance.now() - started;
  agent.destroy();
  return { ms, latencies, failures };
}

if (parentPort && workerData) {
  const port = parentPort;
  run(workerData as ClientJob).then((result) => port.postMessage(result));
}
