// The full fault and crash run, per API of the table in scripts/lib/chaos-apis.ts (FC 2.0, FC 3.0, FunctionGraph and
// a mixed AsyncInvokePolicyBatch): N configs under 30 % injected faults for several seeds (`up`,
// `preview --refresh`, `destroy` each), then SIGKILLs of `pulumi up` at seeded moments, each recovered with
// `pulumi cancel`, `pulumi refresh` and `pulumi up` alone. Prints each trial, then per API: trials, kills,
// recovered, orphans, faults injected, retries seen and wall time.
//
//   node -r ts-node/register/transpile-only scripts/chaos.ts [--api fc2|fc3|functiongraph|mixed|all]
//       [--configs 50] [--seeds 3] [--kills 10] [--kill-configs 30] [--kill-seed 1001] [--fault-rate 0.3]
//
// Rebuild dist/ first (the Pulumi programs load the package from there). Exits 1 when any trial failed.
import { start } from "../emulator";
import { CHAOS_APIS, chaosApi, chaosStack, crashTrial, faultTrial, type ChaosApi, type CrashTrialReport, type FaultTrialReport } from "./lib/chaos.ts";

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const apiFlag = process.argv.indexOf("--api") >= 0 ? (process.argv[process.argv.indexOf("--api") + 1] ?? "all") : "all";
const APIS: readonly ChaosApi[] = apiFlag === "all" ? CHAOS_APIS : [chaosApi(apiFlag)];
const CONFIGS = flag("configs", 50);
const SEEDS = flag("seeds", 3);
const KILLS = flag("kills", 10);
const KILL_CONFIGS = flag("kill-configs", 30);
/** Seed of the first kill trial (the k-th uses this + k - 1), so a long run can be split across processes. */
const KILL_SEED = flag("kill-seed", 1001);
const FAULT_RATE = flag("fault-rate", 0.3);

interface ApiFigures {
  api: string;
  faultTrials: number;
  failedFaultTrials: number;
  faults: number;
  retries: number;
  kills: number;
  recovered: number;
  orphans: number;
  seconds: number;
}

const indent = (text: string) => text.replace(/\n/g, "\n             ");

async function runApi(api: ChaosApi, emulator: Awaited<ReturnType<typeof start>>): Promise<ApiFigures> {
  const started = performance.now();
  await api.prepare(emulator, Math.max(SEEDS > 0 ? CONFIGS : 0, KILLS > 0 ? KILL_CONFIGS : 0));
  console.log(`\n## ${api.id}: ${api.title}`);
  console.log(`# Fault trials: ${CONFIGS} configs, ${Math.round(FAULT_RATE * 100)} % of requests faulted (429 35 %, 503 25 %, 500 10 %, reset 30 %)`);
  console.log("seed  step               exit  requests  faults  retries  seconds");
  const faultReports: FaultTrialReport[] = [];
  for (let s = 1; s <= SEEDS; s++) {
    const stack = await chaosStack(api, emulator, `chaos-${api.id}-faults-${s}`);
    const report = await faultTrial(api, stack, emulator, { configs: CONFIGS, faultRate: FAULT_RATE, seed: 100 + s });
    faultReports.push(report);
    for (const step of report.steps) {
      console.log(`${String(report.seed).padEnd(6)}${step.step.padEnd(19)}${String(step.exitCode).padEnd(6)}${String(step.requests).padEnd(10)}${String(step.faults).padEnd(8)}${String(step.retries).padEnd(9)}${step.seconds}`);
    }
    console.log(`      failures: ${report.failures.length === 0 ? "0" : report.failures.join(", ")}; orphans: ${report.orphans.length === 0 ? "0" : report.orphans.join(", ")}`);
    for (const error of report.errors) console.log(`      error: ${indent(error)}`);
    if (report.errors.length > 0 || report.orphans.length > 0) await api.purge(emulator, CONFIGS);
  }
  const steps = faultReports.flatMap((r) => r.steps);

  console.log(`# Crash trials: SIGKILL of \`pulumi up\` with ${KILL_CONFIGS} configs, ${KILLS} seeded kill points; recovery = cancel + refresh + up`);
  const crashReports: CrashTrialReport[] = [];
  let stack = KILLS > 0 ? await chaosStack(api, emulator, `chaos-${api.id}-kills`) : undefined;
  for (let k = 1; k <= KILLS && stack !== undefined; k++) {
    const report = await crashTrial(api, stack, emulator, { configs: KILL_CONFIGS, seed: KILL_SEED + k - 1 });
    crashReports.push(report);
    // A trial that did not recover leaves its stack and the emulator as it failed: the next one starts afresh, so
    // one failure is counted once.
    if (!report.recovered || report.orphans.length > 0) {
      await api.purge(emulator, KILL_CONFIGS);
      if (k < KILLS) stack = await chaosStack(api, emulator, `chaos-${api.id}-kills-${k + 1}`);
    }
    console.log(
      `kill ${String(k).padStart(2)} (seed ${report.seed}): after ${report.killAfterPuts} Puts, ${report.unrecordedAtKill} config(s) in the cloud but not in state; ` +
        `${report.recovery.map((r) => `${r.command.replace(/ --yes| --skip-preview/g, "")} → ${r.exitCode}`).join(", ")}; ` +
        `${report.recovered ? "recovered" : "NOT recovered"}; failures ${report.failures.length}, orphans ${report.orphans.length}; ${report.seconds} s`,
    );
    for (const failure of report.failures) console.log(`      failure: ${indent(failure)}`);
    for (const orphan of report.orphans) console.log(`      orphan: ${orphan}`);
    for (const error of report.errors) console.log(`      error: ${indent(error)}`);
  }
  return {
    api: api.id,
    faultTrials: faultReports.length,
    failedFaultTrials: faultReports.filter((r) => r.errors.length > 0 || r.failures.length > 0 || r.orphans.length > 0).length,
    faults: steps.reduce((a, s) => a + s.faults, 0),
    retries: steps.reduce((a, s) => a + s.retries, 0),
    kills: crashReports.length,
    recovered: crashReports.filter((r) => r.recovered && r.orphans.length === 0).length,
    orphans: faultReports.reduce((a, r) => a + r.orphans.length, 0) + crashReports.reduce((a, r) => a + r.orphans.length, 0),
    seconds: Math.round((performance.now() - started) / 1000),
  };
}

async function main(): Promise<void> {
  const emulator = await start({ port: 0, log: () => {} });
  const figures: ApiFigures[] = [];
  try {
    for (const api of APIS) figures.push(await runApi(api, emulator));
  } finally {
    await emulator.close();
  }
  console.log(`\n# Per API (fault trials: ${CONFIGS} configs at ${Math.round(FAULT_RATE * 100)} %; kills: ${KILL_CONFIGS} configs)`);
  console.log("api            fault trials  failed  faults  retries  kills  recovered  orphans  wall s");
  for (const f of figures) {
    console.log(
      `${f.api.padEnd(15)}${String(f.faultTrials).padEnd(14)}${String(f.failedFaultTrials).padEnd(8)}${String(f.faults).padEnd(8)}${String(f.retries).padEnd(9)}` +
        `${String(f.kills).padEnd(7)}${`${f.recovered}/${f.kills}`.padEnd(11)}${String(f.orphans).padEnd(9)}${f.seconds}`,
    );
  }
  const failed = figures.some((f) => f.failedFaultTrials > 0 || f.recovered < f.kills || f.orphans > 0);
  process.exitCode = failed ? 1 : 0;
}

void main();
