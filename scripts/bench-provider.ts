// Fleet speed, side by side in one run: wall time of create / no-op preview / preview --refresh / update-all /
// destroy for N targets as N `fc.FunctionAsyncInvokeConfig` resources (`--parallel 8`), as one
// `fc.AsyncInvokePolicyBatch` (`concurrency: 8`), and as the same FC calls made directly with the official SDK
// (@alicloud/fc2) 8 at a time — the floor. The emulator answers every request after 20 ms (its fault surface's
// latency). Each Pulumi figure is also given minus the same command with 0 targets (the fixed start-up: CLI,
// language host, program, plugin), and divided by the SDK's time. Also: FC calls per target (the emulator's request
// counts) and state bytes per target (`pulumi stack export`).
//
// The 0-target start-up is what every ratio subtracts, so it is measured beside the figure it is subtracted from:
// each form has a second stack of the same program held at 0 targets, and every timed command runs there first,
// then on the N-target stack. A busy spell on a shared machine then weighs on both sides of the subtraction rather
// than on one (measuring the start-up once, minutes before the N = 300 rows, let one such spell move a ratio by 0.3×).
//
// Usage: node -r ts-node/register/transpile-only scripts/bench-provider.ts [--quick]   (--quick: N = 10 only)
import os from "node:os";
import path from "node:path";
import { start } from "../emulator";
import { settleLimited } from "../provider/shared/parallel";
import { emulatorStack, type EmulatorStack } from "./lib/emulator-stack.ts";
import { fc2For, nodeFunction, type Fc2Client } from "./lib/official-sdks.ts";

const QUICK = process.argv.includes("--quick");
const SIZES = QUICK ? [10] : [10, 100, 300];
const PARALLEL = 8;
const LATENCY_MS = 20;
const SERVICE = "bench";
/**
 * How many times no-op preview, preview --refresh and update-all run at each size, for every form (the SDK too),
 * each beside its 0-target run; the fastest of each side is reported. On a 2-core machine one run can take a second
 * longer for reasons outside the command (a checkpoint flush, another process), which at N = 300 moves a ratio by
 * 1×. Create and destroy run once (beside one 0-target create and destroy).
 */
const REPEATS = 3;
const OPS = ["create", "preview", "preview --refresh", "update-all", "destroy"] as const;
type Op = (typeof OPS)[number];
const FORMS = ["per-config", "batched", "sdk"] as const;
type Form = (typeof FORMS)[number];
/** A command's time, its FC calls, and the same command's time with 0 targets (`startup`; 0 for the SDK). */
type Figure = { seconds: number; calls: number; startup: number };
type Row = Record<Op, Figure> & { stateBytes: number; maxResourceBytes: number };

const fixtures = path.join(__dirname, "..", "test", "e2e", "fixtures");
const fn = (i: number) => `fn${i}`;

async function main(): Promise<void> {
  const load = [os.loadavg()];
  const emulator = await start({ port: 0 });
  try {
    const sdk = fc2For(emulator);
    await sdk.createService(SERVICE);
    const most = Math.max(...SIZES);
    await settleLimited(Array.from({ length: most }, (_, i) => i), 8, (i) => sdk.createFunction(SERVICE, nodeFunction(fn(i))));
    await emulator.control.setFaults({ latencyMs: LATENCY_MS });

    const stacks = async (program: string, label: string): Promise<Pair> => ({
      zero: await emulatorStack({ program: path.join(fixtures, program), label: `${label}-0`, emulator }),
      main: await emulatorStack({ program: path.join(fixtures, program), label, emulator }),
    });
    const perConfig = await stacks("async-configs", "bench-per-config");
    const batched = await stacks("policy-batch", "bench-batch");

    const calls = async <T>(action: () => Promise<T>): Promise<[T, number, number]> => {
      await emulator.control.resetRequestCounts();
      const started = performance.now();
      const result = await action();
      const seconds = (performance.now() - started) / 1000;
      const counts = await emulator.control.requestCounts();
      return [result, seconds, Object.values(counts).reduce((a, b) => a + b, 0)];
    };

    const pulumiRow = async ({ zero, main: stack }: Pair, declare: Declare, n: number, type: string): Promise<Row> => {
      const row = {} as Row;
      /** The command on the 0-target stack, then (counting FC calls) on the N-target one. */
      const timed = async (args: string[]): Promise<Figure> => {
        const withParallel = [...args, "--parallel", String(PARALLEL)];
        const started = performance.now();
        await zero.run(withParallel);
        const startup = (performance.now() - started) / 1000;
        const [, seconds, count] = await calls(() => stack.run(withParallel));
        return { seconds, calls: count, startup };
      };
      const time = async (op: Op, args: string[]) => {
        row[op] = await timed(args);
      };
      /** A command that can run again on the state it leaves, timed REPEATS times (see REPEATS). */
      const fastestOf = async (op: Op, args: string[], before: (i: number) => Promise<void> = async () => {}) => {
        row[op] = await fastestRun(async (i) => {
          await before(i);
          return timed(args);
        });
      };
      const both = async (retries: number) => {
        await Promise.all([declare(zero, 0, retries), declare(stack, n, retries)]);
      };
      await both(1);
      await time("create", ["up", "--yes", "--skip-preview"]);
      await fastestOf("preview", ["preview", "--expect-no-changes"]);
      await fastestOf("preview --refresh", ["preview", "--refresh", "--expect-no-changes"]);
      // Each run changes every config (retries 2, 3, 4).
      await fastestOf("update-all", ["up", "--yes", "--skip-preview"], (i) => both(2 + i));
      const state = JSON.parse(await stack.run(["stack", "export"])) as { deployment: { resources?: Array<{ type: string }> } };
      const resources = (state.deployment.resources ?? []).filter((r) => r.type === type);
      const sizes = resources.map((r) => Buffer.byteLength(JSON.stringify(r)));
      row.stateBytes = sizes.reduce((a, b) => a + b, 0);
      row.maxResourceBytes = Math.max(0, ...sizes);
      await time("destroy", ["destroy", "--yes", "--skip-preview"]);
      return row;
    };

    const declarePerConfig: Declare = (stack, n, retries) =>
      stack.setConfig(
        "configs",
        JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`cfg${i}`, { serviceName: SERVICE, functionName: fn(i), maxAsyncRetryAttempts: retries }]))),
      );
    const declareBatched: Declare = (stack, n, retries) =>
      stack.setConfig(
        "policy",
        JSON.stringify({ maxAsyncRetryAttempts: retries, concurrency: PARALLEL, targets: Array.from({ length: n }, (_, i) => ({ serviceName: SERVICE, functionName: fn(i) })) }),
      );

    const results = new Map<number, Record<Form, Row>>();
    const measure = async (n: number): Promise<Record<Form, Row>> => ({
      "per-config": await pulumiRow(perConfig, declarePerConfig, n, "pulumi-nodejs:dynamic/fc:FunctionAsyncInvokeConfig"),
      batched: await pulumiRow(batched, declareBatched, n, "pulumi-nodejs:dynamic/fc:AsyncInvokePolicyBatch"),
      sdk: await sdkRow(sdk, n, calls),
    });
    for (const n of SIZES) {
      results.set(n, await measure(n));
      console.error(`N=${n} done (${new Date().toISOString()}, load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")})`);
      // Printed after every size, so a run cut short on a busy machine still leaves its figures.
      print(results, [...load, os.loadavg()]);
    }
  } finally {
    await emulator.close();
  }
}

type Pair = { zero: EmulatorStack; main: EmulatorStack };
type Declare = (stack: EmulatorStack, n: number, retries: number) => Promise<void>;

/** The fastest of REPEATS runs of `run` (given the run's index), and the fastest of their 0-target runs. */
async function fastestRun(run: (i: number) => Promise<Figure>): Promise<Figure> {
  let best: Figure | undefined;
  let startup = Infinity;
  for (let i = 0; i < REPEATS; i++) {
    const figure = await run(i);
    if (best === undefined || figure.seconds < best.seconds) best = figure;
    startup = Math.min(startup, figure.startup);
  }
  return { ...(best as Figure), startup };
}

/** The calls the provider makes, made directly: Get (the take-over check) + Put to create, Get to refresh, Put to update, Delete to destroy. */
async function sdkRow(sdk: Fc2Client, n: number, calls: <T>(action: () => Promise<T>) => Promise<[T, number, number]>): Promise<Row> {
  const targets = Array.from({ length: n }, (_, i) => fn(i));
  const each = async (task: (name: string) => Promise<unknown>): Promise<Figure> => {
    const [outcomes, seconds, count] = await calls(() => settleLimited(targets, PARALLEL, task));
    const failed = outcomes.find((o) => !o.ok);
    if (failed !== undefined && !failed.ok) throw failed.error;
    return { seconds, calls: count, startup: 0 };
  };
  const put = (retries: number) => (name: string) =>
    sdk.putFunctionAsyncConfig(SERVICE, name, "LATEST", {
      maxAsyncRetryAttempts: retries,
      maxAsyncEventAgeInSeconds: 86400,
      statefulInvocation: false,
      destinationConfig: { onSuccess: null, onFailure: null },
    });
  const create = await each(async (name) => {
    await sdk.getFunctionAsyncConfig(SERVICE, name, "LATEST").catch(() => undefined);
    await put(1)(name);
  });
  return {
    create,
    preview: { seconds: 0, calls: 0, startup: 0 },
    "preview --refresh": await fastestRun(() => each((name) => sdk.getFunctionAsyncConfig(SERVICE, name, "LATEST"))),
    "update-all": await fastestRun((i) => each(put(2 + i))),
    destroy: await each((name) => sdk.deleteFunctionAsyncConfig(SERVICE, name, "LATEST")),
    stateBytes: 0,
    maxResourceBytes: 0,
  };
}

function print(results: Map<number, Record<Form, Row>>, load: number[][]): void {
  const s = (x: number) => x.toFixed(2);
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)}×` : "–");
  console.log(`\nFC emulator with ${LATENCY_MS} ms per request; Pulumi --parallel ${PARALLEL}, batch concurrency ${PARALLEL}, SDK ${PARALLEL} at a time; preview, preview --refresh and update-all the fastest of ${REPEATS} runs.`);
  console.log(`Node ${process.version}, ${os.cpus().length} cores; load average before ${load[0]?.map(s).join(" ")}, after ${load[1]?.map(s).join(" ")}.`);
  console.log("Start-up: the same command on the same program with 0 targets, run just before each timed run (the fastest kept).\n");
  console.log("| N | operation | per-config s (start-up) | batched s (start-up) | SDK s | per-config − start-up ÷ SDK | batched − start-up ÷ SDK | FC calls per target (per-config / batched / SDK) |");
  console.log("|---:|---|---:|---:|---:|---:|---:|---|");
  for (const [n, row] of results) {
    for (const op of OPS) {
      const p = row["per-config"][op];
      const b = row.batched[op];
      const k = row.sdk[op];
      const net = (f: Figure) => Math.max(0, f.seconds - f.startup);
      const perTarget = (f: Figure) => (f.calls / n).toFixed(2).replace(/\.00$/, "");
      console.log(
        `| ${n} | ${op} | ${s(p.seconds)} (${s(p.startup)}) | ${s(b.seconds)} (${s(b.startup)}) | ${s(k.seconds)} | ${ratio(net(p), k.seconds)} | ${ratio(net(b), k.seconds)} | ${perTarget(p)} / ${perTarget(b)} / ${perTarget(k)} |`,
      );
    }
  }
  console.log("\n| N | state bytes per target, per-config (largest resource) | state bytes per target, batched | no-op preview minus 0-target preview, batched |");
  console.log("|---:|---:|---:|---:|");
  for (const [n, row] of results) {
    console.log(
      `| ${n} | ${Math.round(row["per-config"].stateBytes / n)} (${row["per-config"].maxResourceBytes}) | ${Math.round(row.batched.stateBytes / n)} | ${s(row.batched.preview.seconds - row.batched.preview.startup)} s |`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
