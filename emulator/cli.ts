#!/usr/bin/env node
// `fc-emulator`: the Function Compute emulator as a command. It prints where it listens and the
// credentials to use. Those are the emulator's own dummy keys — printing them is the point, and they
// open nothing but this local process.
import { parseArgs } from "node:util";
import { DEFAULT_FUNCTIONGRAPH_REGION, DEFAULT_REGION, start, VirtualClock } from "./index";

const USAGE = `Usage: fc-emulator [--port <n>] [--host <addr>] [--data <dir>] [--region <id>] [--functiongraph-region <id>] [--virtual-time] [--json]

  --port    port to listen on (default 9000; 0 picks a free one)
  --host    interface to listen on (default 127.0.0.1)
  --data    keep state in this directory: it survives restarts and kill -9 (default: memory only)
  --region  region of Function Compute 2.0 and 3.0 (default ${DEFAULT_REGION})
  --functiongraph-region
            region FunctionGraph's URNs name (default ${DEFAULT_FUNCTIONGRAPH_REGION})
  --virtual-time
            the async engine's time (retries, event ages, task timestamps) moves only when told to,
            through the control surface: POST /_emulator/clock/advance {"ms": n}, /clock/jump, /clock/run-until-idle.
            It starts at the real time of the start. Requests are still signed and checked with the real time.
  --json    print one JSON line instead of text: {url, region, accountId, accessKeyId, accessKeySecret, dataDir,
            virtualTime, apis} where apis holds each API's connection: fc2 and fc3 {endpoint, region, accountId,
            accessKeyId, accessKeySecret}, functiongraph {endpoint, region, projectId, accessKey, secretKey}
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "9000" },
      host: { type: "string", default: "127.0.0.1" },
      data: { type: "string" },
      region: { type: "string", default: DEFAULT_REGION },
      "functiongraph-region": { type: "string", default: DEFAULT_FUNCTIONGRAPH_REGION },
      "virtual-time": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const port = Number(values.port);
  const virtualTime = values["virtual-time"];
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0–65535, got ${values.port}`);

  const emulator = await start({
    port,
    host: values.host,
    region: values.region,
    functionGraphRegion: values["functiongraph-region"],
    ...(values.data !== undefined && { dataDir: values.data }),
    // A scheduler of its own, not `clock`: authentication keeps checking signatures against the real time.
    ...(virtualTime && { asyncScheduler: new VirtualClock(new Date()) }),
  });
  const { accountId, accessKeyId, accessKeySecret } = emulator.credentials;
  const fg = emulator.connections.functiongraph;
  if (values.json) {
    const line = { url: emulator.url, region: emulator.region, accountId, accessKeyId, accessKeySecret, dataDir: values.data ?? null, virtualTime, apis: emulator.connections };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  } else {
    process.stdout.write(
      [
        `Function Compute emulator listening on ${emulator.url}`,
        `  FC 2.0             /2016-08-15, /2021-04-06   region ${emulator.region}`,
        `  FC 3.0             /2023-03-30               region ${emulator.region}`,
        `  account id         ${accountId}`,
        `  access key id      ${accessKeyId}`,
        `  access key secret  ${accessKeySecret}`,
        `  FunctionGraph      /v2/${fg.projectId}/fgs/   region ${fg.region}`,
        `  project id         ${fg.projectId}  (huaweicloud:project_id; access_key/secret_key are the keys above)`,
        `  state              ${values.data === undefined ? "memory only" : `durable in ${values.data}`}`,
        `  async engine time  ${virtualTime ? "virtual: moves only on POST /_emulator/clock/advance {\"ms\": n} (or /jump, /run-until-idle)" : "real"}`,
        `  control surface    ${emulator.url}/_emulator/  (faults, requests, sts, clock, destinations, reset)`,
        `  dashboard          ${emulator.url}/_emulator/ui`,
        "",
      ].join("\n"),
    );
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`fc-emulator: error while stopping on ${signal}: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`fc-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
