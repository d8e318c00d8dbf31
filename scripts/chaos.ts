// The full fault and crash run of issue 14: 50 configs under 30 % injected faults for several seeds
// (`up`, `preview --refresh`, `destroy` each), then 10 SIGKILLs of `pulumi up` with 30 configs at seeded moments,
// each recovered with `pulumi cancel`, `pulumi refresh` and `pulumi up` alone. Prints, per trial and in total:
// configs, faults injected, retries, failures, orphans and the recovery steps.
//
//   node -r ts-node/register/transpile-only scripts/chaos.ts [--configs 50] [--seeds 3] [--kills 10] [--kill-configs 30] [--kill-seed 1001]
//
// Rebuild dist/ first (the Pulumi programs load the package from there).
import path from "node:path";
import { start } from "../emulator";
import { createChaosFunctions, crashTrial, faultTrial, type CrashTrialReport, type FaultTrialReport } from "./lib/chaos.ts";
import { emulatorStack } from "./lib/emulator-stack.ts";
import { fc2For } from "./lib/official-sdks.ts";
import { repoRoot } from "./lib/pulumi.ts";

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const CONFIGS = flag("configs", 50);
const SEEDS = flag("seeds", 3);
const KILLS = flag("kills", 10);
const KILL_CONFIGS = flag("kill-configs", 30);
/** Seed of the first kill trial (the k-th uses this + k - 1), so a long run can be split across processes. */
const KILL_SEED = flag("kill-seed", 1001);
const program = path.join(repoRoot, "test", "e2e", "fixtures", "async-configs");

async function main(): Promise<void> {
  const emulator = await start({ port: 0, log: () => {} });
  const sdk = fc2For(emulator);
  await createChaosFunctions(sdk, Math.max(CONFIGS, KILL_CONFIGS));
  const started = performance.now();
  let failed = 0;

  console.log(`# Fault trials: ${CONFIGS} configs, 30 % of FC requests faulted (429 35 %, 503 25 %, 500 10 %, reset 30 %)`);
  console.log("seed  step               exit  requests  faults  retries  seconds");
  const faultReports: FaultTrialReport[] = [];
  for (let s = 1; s <= SEEDS; s++) {
    const stack = await emulatorStack({ program, label: `chaos-faults-${s}`, emulator });
    const report = await faultTrial(stack, emulator, sdk, { configs: CONFIGS, faultRate: 0.3, seed: 100 + s });
    faultReports.push(report);
    for (const step of report.steps) {
      console.log(`${String(report.seed).padEnd(6)}${step.step.padEnd(19)}${String(step.exitCode).padEnd(6)}${String(step.requests).padEnd(10)}${String(step.faults).padEnd(8)}${String(step.retries).padEnd(9)}${step.seconds}`);
    }
    console.log(`      failures: ${report.failures.length === 0 ? "0" : report.failures.join(", ")}; orphans: ${report.orphans.length === 0 ? "0" : report.orphans.join(", ")}`);
    for (const error of report.errors) console.log(`      error: ${error.replace(/\n/g, "\n             ")}`);
    if (report.errors.length > 0 || report.failures.length > 0 || report.orphans.length > 0) failed++;
  }
  const sum = (f: (s: FaultTrialReport["steps"][number]) => number) => faultReports.flatMap((r) => r.steps).reduce((a, s) => a + f(s), 0);
  console.log(
    `total: ${faultReports.length} trials × ${CONFIGS} configs; faults injected ${sum((s) => s.faults)}, retries ${sum((s) => s.retries)}, ` +
      `failed steps ${sum((s) => (s.exitCode === 0 ? 0 : 1))}, failed resources ${faultReports.reduce((a, r) => a + r.failures.length, 0)}, ` +
      `orphans ${faultReports.reduce((a, r) => a + r.orphans.length, 0)}`,
  );

  console.log(`\n# Crash trials: SIGKILL of \`pulumi up\` with ${KILL_CONFIGS} configs, ${KILLS} seeded kill points; recovery = cancel + refresh + up`);
  const stack = await emulatorStack({ program, label: "chaos-kills", emulator });
  const crashReports: CrashTrialReport[] = [];
  for (let k = 1; k <= KILLS; k++) {
    const report = await crashTrial(stack, emulator, sdk, { configs: KILL_CONFIGS, seed: KILL_SEED + k - 1 });
    crashReports.push(report);
    console.log(
      `kill ${String(k).padStart(2)} (seed ${report.seed}): after ${report.killAfterPuts} Puts, ${report.unrecordedAtKill} config(s) in the cloud but not in state; ` +
        `${report.recovery.map((r) => `${r.command.replace(/ --yes| --skip-preview/g, "")} → ${r.exitCode}`).join(", ")}; ` +
        `${report.recovered ? "recovered" : "NOT recovered"}; failures ${report.failures.length}, orphans ${report.orphans.length}`,
    );
    for (const error of report.errors) console.log(`      error: ${error.replace(/\n/g, "\n             ")}`);
    if (!report.recovered || report.orphans.length > 0) failed++;
  }
  console.log(
    `total: ${crashReports.filter((r) => r.recovered).length}/${crashReports.length} kills recovered with cancel + refresh + up; ` +
      `interrupted creates found ${crashReports.reduce((a, r) => a + r.unrecordedAtKill, 0)}, orphans ${crashReports.reduce((a, r) => a + r.orphans.length, 0)}`,
  );
  console.log(`\n${Math.round((performance.now() - started) / 1000)} s in all`);
  await emulator.close();
  process.exitCode = failed === 0 ? 0 : 1;
}

void main();
