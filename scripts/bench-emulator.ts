// Load benchmark of the FC emulator (not a test): requests/s and latency percentiles of
// GetFunctionAsyncInvokeConfig and PutFunctionAsyncInvokeConfig on loopback, with keep-alive, at 1, 16
// and 64 concurrent clients, against the memory store and the durable (fsync'ed) file store.
//
//   node scripts/bench-emulator.ts [--seconds 3]
//
// The emulator runs as the `fc-emulator` CLI in its own process, so client and server do not share an
// event loop; requests are signed with the FC scheme exactly as @alicloud/fc2 signs them.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { Pool } from "undici";
import { signFcRequest } from "../contracts/fc2/signature.ts";

interface Endpoint {
  url: string;
  accountId: string;
  accessKeyId: string;
  accessKeySecret: string;
}

const { values } = parseArgs({ options: { seconds: { type: "string", default: "3" } } });
const SECONDS = Number(values.seconds);
const WARMUP_MS = 500;
const CONCURRENCY = [1, 16, 64];
const ROOT = resolve(process.argv[1] ?? ".", "../..");

async function startCli(dataDir: string | undefined): Promise<{ child: ChildProcess; endpoint: Endpoint }> {
  const args = ["-r", "ts-node/register/transpile-only", join(ROOT, "emulator/cli.ts"), "--port", "0", "--json"];
  if (dataDir !== undefined) args.push("--data", dataDir);
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const line = await new Promise<string>((ok, fail) => {
    lines.once("line", ok);
    child.once("exit", (code) => fail(new Error(`fc-emulator exited with ${code}`)));
  });
  lines.close();
  return { child, endpoint: JSON.parse(line) as Endpoint };
}

/** Headers of a request signed with the FC scheme as @alicloud/fc2 sends it (contracts/fc2). */
function signedHeaders(e: Endpoint, method: string, path: string, body: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    date: new Date().toUTCString(),
    "x-fc-account-id": e.accountId,
    accept: "application/json",
    ...(body !== undefined && { "content-type": "application/json" }),
  };
  return signFcRequest({ method, path, headers, body }, e);
}

async function call(pool: Pool, e: Endpoint, method: string, path: string, body?: string): Promise<number> {
  const response = await pool.request({ method, path, headers: signedHeaders(e, method, path, body), ...(body !== undefined && { body }) });
  await response.body.dump();
  return response.statusCode;
}

interface Cell {
  requests: number;
  errors: number;
  seconds: number;
  latencies: number[];
}

async function measure(pool: Pool, e: Endpoint, op: "Get" | "Put", clients: number): Promise<Cell> {
  const path = "/2016-08-15/services/bench/functions/fn/async-invoke-config";
  const cell: Cell = { requests: 0, errors: 0, seconds: 0, latencies: [] };
  const started = performance.now();
  const measureFrom = started + WARMUP_MS;
  const stopAt = measureFrom + SECONDS * 1000;
  const client = async (id: number) => {
    for (let n = 0; performance.now() < stopAt; n++) {
      const sent = performance.now();
      const body = op === "Put" ? JSON.stringify({ maxAsyncRetryAttempts: (id + n) % 9 }) : undefined;
      const status = await call(pool, e, op === "Put" ? "PUT" : "GET", path, body);
      const done = performance.now();
      if (sent < measureFrom) continue;
      cell.requests++;
      if (status !== 200) cell.errors++;
      cell.latencies.push(done - sent);
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, id) => client(id)));
  cell.seconds = SECONDS;
  cell.latencies.sort((a, b) => a - b);
  return cell;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number);
}

async function benchStore(label: string, dataDir: string | undefined, rows: string[]): Promise<void> {
  const { child, endpoint } = await startCli(dataDir);
  const pool = new Pool(endpoint.url, { connections: Math.max(...CONCURRENCY), pipelining: 1, keepAliveTimeout: 30_000 });
  try {
    const setup: Array<[string, string, string]> = [
      ["POST", "/2016-08-15/services", JSON.stringify({ serviceName: "bench" })],
      [
        "POST",
        "/2016-08-15/services/bench/functions",
        JSON.stringify({ functionName: "fn", runtime: "nodejs18", handler: "index.handler", code: { zipFile: "UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==" } }),
      ],
      ["PUT", "/2016-08-15/services/bench/functions/fn/async-invoke-config", "{}"],
    ];
    for (const [method, path, body] of setup) {
      const status = await call(pool, endpoint, method, path, body);
      if (status !== 200) throw new Error(`set-up ${method} ${path} answered ${status}`);
    }
    for (const op of ["Get", "Put"] as const) {
      for (const clients of CONCURRENCY) {
        const cell = await measure(pool, endpoint, op, clients);
        const rate = cell.requests / cell.seconds;
        rows.push(
          `| ${label} | ${op} | ${clients} | ${cell.requests} | ${rate.toFixed(0)} | ${percentile(cell.latencies, 50).toFixed(2)} | ${percentile(cell.latencies, 99).toFixed(2)} | ${cell.errors} |`,
        );
        process.stderr.write(`${label} ${op} x${clients}: ${rate.toFixed(0)} req/s\n`);
      }
    }
  } finally {
    await pool.close();
    child.kill("SIGTERM");
    await new Promise((ok) => child.once("exit", ok));
  }
}

async function main(): Promise<void> {
  const rows: string[] = [];
  await benchStore("memory", undefined, rows);
  const dataDir = mkdtempSync(join(tmpdir(), "fc-emulator-bench-"));
  try {
    await benchStore("file (fsync)", dataDir, rows);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.stdout.write(
    [
      `FC emulator on loopback, keep-alive (undici Pool), ${SECONDS} s per row after ${WARMUP_MS} ms warm-up, Node ${process.version}`,
      "",
      "| store | operation | clients | requests | req/s | p50 ms | p99 ms | errors |",
      "|---|---|---:|---:|---:|---:|---:|---:|",
      ...rows,
      "",
    ].join("\n"),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench-emulator: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
