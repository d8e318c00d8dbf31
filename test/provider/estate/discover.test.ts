// discover against an embedded emulator holding a planted estate (scripts/seed-estate.ts): the walk finds every
// function × qualifier the official SDKs list, with a config exactly where they list one; `--check` reports exactly
// the planted violations (the seed's hand-written table) and exits 1; bad flags and missing settings exit 2.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, type Emulator } from "../../../emulator";
import { main, EXIT } from "../../../provider/estate/cli";
import { walkEstate } from "../../../provider/estate/walk";
import { connect } from "../../../provider/estate/connection";
import { estateKey, sdkEstateListing } from "../../../scripts/bench-estate.ts";
import { expectedRules, seedEstate, type Planted } from "../../../scripts/seed-estate.ts";

let emu: Emulator;
let planted: Planted[];
let env: NodeJS.ProcessEnv;

const keyOf = estateKey;

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, env, cwd: process.cwd() } };
}

beforeAll(async () => {
  emu = await start({ port: 0 });
  planted = await seedEstate(emu, { functions: 60 });
  env = {
    PATH: process.env["PATH"],
    ALICLOUD_ACCESS_KEY: emu.credentials.accessKeyId,
    ALICLOUD_SECRET_KEY: emu.credentials.accessKeySecret,
    ALICLOUD_ACCOUNT_ID: emu.credentials.accountId,
    ALICLOUD_REGION: emu.region,
    HW_ACCESS_KEY: emu.credentials.accessKeyId,
    HW_SECRET_KEY: emu.credentials.accessKeySecret,
    HW_PROJECT_ID: emu.projectId,
    HW_REGION_NAME: "cn-north-4",
  };
});
afterAll(async () => {
  await emu?.close();
});

describe("discover", () => {
  it("finds every function × qualifier the official SDKs list, with a config exactly where they list one, and exactly what was planted", async () => {
    const clients = await connect({ apis: ["fc2", "fc3", "functiongraph"], fcEndpoint: emu.url, functiongraphEndpoint: emu.url, env });
    const estate = await walkEstate(clients, { concurrency: 4 });
    expect(estate.errors).toEqual([]);
    const walked = new Map(estate.entries.map((e) => [keyOf(e), e.config !== null]));
    expect(walked.size).toBe(estate.entries.length); // no function × qualifier twice
    const sdk = await sdkEstateListing(emu);
    expect([...walked].sort()).toEqual([...sdk].sort());
    expect([...walked].sort()).toEqual(planted.map((p) => [keyOf(p), p.hasConfig] as [string, boolean]).sort());
    // 60 functions: 24 FC 2.0 (2 services, the second with a version and an alias), 18 FC 3.0, 18 FunctionGraph.
    expect(new Set(estate.entries.map((e) => `${e.api}/${e.serviceName ?? e.package ?? ""}/${e.functionName}`)).size).toBe(60);
    expect(estate.entries.length).toBe(24 + 4 * 2 + 18 + 4 * 2 + 18 + 4 * 2);
  });

  it("follows every page: the same estate read two items at a time", async () => {
    const clients = await connect({ apis: ["fc2", "fc3", "functiongraph"], fcEndpoint: emu.url, functiongraphEndpoint: emu.url, env });
    const whole = await walkEstate(clients, { concurrency: 4 });
    const paged = await walkEstate(clients, { concurrency: 4, pageSize: 2 });
    expect(paged.errors).toEqual([]);
    expect(paged.entries.map(keyOf).sort()).toEqual(whole.entries.map(keyOf).sort());
    expect(paged.entries.sort((a, b) => keyOf(a).localeCompare(keyOf(b)))).toEqual(whole.entries.sort((a, b) => keyOf(a).localeCompare(keyOf(b))));
  });

  it("--check reports exactly the planted violations, each named by API, function, qualifier, rule and value, and exits 1", async () => {
    const run = io();
    const code = await main(["discover", "--emulator", emu.url, "--check", "--json", "--no-progress"], run.io);
    expect(code).toBe(EXIT.violations);
    const report = JSON.parse(run.out.join("")) as { entries: { api: string; serviceName?: string; package?: string; functionName: string; qualifier: string; violations: { rule: string; value: string; enforcement: string }[] }[]; summary: Record<string, number> };
    const reported = report.entries.map((e) => [keyOf(e as Parameters<typeof keyOf>[0]), e.violations.map((v) => v.rule)] as const).sort();
    expect(reported).toEqual(planted.map((p) => [keyOf(p), [...expectedRules(p)]] as const).sort());
    const total = planted.reduce((n, p) => n + expectedRules(p).length, 0);
    expect(report.summary["mandatory"]! + report.summary["advisory"]!).toBe(total);
    // One stderr line per violation: level, API, function:qualifier, rule, value.
    const lines = run.err.join("").split("\n").filter((l) => /^(mandatory|advisory) /.test(l));
    expect(lines).toHaveLength(total);
    expect(lines).toContain("mandatory fc2 estate-svc-00/fn-001:LATEST failure-destination-required (none): failed events are dropped: set destinationConfig.onFailure");
    expect(lines).toContain("advisory fc3 estate-fc3-004:LATEST retries-within-range (0): maxAsyncRetryAttempts must be from 1 to 3");
    expect(lines).toContain("advisory functiongraph estate-fg-005/estate-fg-005:latest event-age-at-most (86400): maxAsyncEventAgeInSeconds must be at most 43200".replace("estate-fg-005/", "estate/"));
  });

  it("without --check exits 0 and prints a table with none where a qualifier has no config", async () => {
    const run = io();
    expect(await main(["discover", "--emulator", emu.url, "--api", "fc3", "--no-progress"], run.io)).toBe(EXIT.ok);
    const lines = run.out.join("").split("\n");
    expect(lines[0]).toMatch(/^API +FUNCTION +QUALIFIER +TIMEOUT +RETRIES +EVENT AGE +ASYNC TASK +ON FAILURE +ON SUCCESS$/);
    expect(lines.find((l) => /^fc3 +estate-fc3-001 +LATEST /.test(l))).toMatch(/ 60 +none$/);
    expect(lines.filter((l) => l.startsWith("fc3 "))).toHaveLength(18 + 4 * 2);
  });

  it("a rule override moves a threshold and a level: event age at most 1800 s, mandatory", async () => {
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const dir = mkdtempSync("/tmp/estate-rules-");
    writeFileSync(`${dir}/rules.json`, JSON.stringify({ "event-age-at-most": { maxSeconds: 1800, enforcement: "mandatory" }, "no-silent-defaults": { enforcement: "disabled" }, "failure-destination-required": { enforcement: "disabled" } }));
    const run = io();
    const code = await main(["discover", "--emulator", emu.url, "--api", "functiongraph", "--check", "--json", "--no-progress", "--rules", `${dir}/rules.json`], run.io);
    expect(code).toBe(EXIT.violations);
    const report = JSON.parse(run.out.join("")) as { entries: { functionName: string; qualifier: string; violations: { rule: string; enforcement: string; value: string }[] }[] };
    const aged = report.entries.filter((e) => e.violations.some((v) => v.rule === "event-age-at-most"));
    // FunctionGraph's default age is 3600 s: every qualifier without a config, the `defaults` kind (3600) and the `old-events` kind (86400).
    expect(aged.length).toBe(planted.filter((p) => p.api === "functiongraph" && ["none", "long-none", "defaults", "old-events"].includes(p.kind)).length);
    expect(aged.every((e) => e.violations.find((v) => v.rule === "event-age-at-most")?.enforcement === "mandatory")).toBe(true);
  });

  it("bad flags exit 2 naming the allowed values; a missing setting exits 2 naming it, before any call", async () => {
    const bad = io();
    expect(await main(["discover", "--api", "lambda"], bad.io)).toBe(EXIT.error);
    expect(bad.err.join("")).toContain('error: --api: unknown API "lambda"; allowed: fc2, fc3, functiongraph');
    const none = io();
    expect(await main(["list"], none.io)).toBe(EXIT.error);
    expect(none.err.join("")).toContain('error: expected the command "discover"; got "list"');
    const missing = io();
    const { HW_PROJECT_ID: _dropped, ...withoutProject } = env;
    const code = await main(["discover", "--emulator", emu.url, "--api", "functiongraph", "--no-progress"], { ...missing.io, env: withoutProject });
    expect(code).toBe(EXIT.error);
    expect(missing.err.join("")).toMatch(/^error: functiongraph: .*huaweicloud:project_id/m);
    expect(missing.out).toEqual([]);
  });

  it("retries what can succeed later: ten injected 503s and resets change nothing in what is found", async () => {
    const clients = await connect({ apis: ["fc2", "fc3", "functiongraph"], fcEndpoint: emu.url, functiongraphEndpoint: emu.url, env });
    const clean = await walkEstate(clients, { concurrency: 4 });
    await emu.control.setFaults({ seed: 7, rates: { "503": 0.1, reset: 0.1 }, limit: 10 });
    try {
      const faulted = await walkEstate(clients, { concurrency: 4 });
      const { injected } = (await emu.control.faults()).stats;
      expect(injected["503"] + injected.reset).toBe(10);
      expect(faulted.errors).toEqual([]);
      expect(faulted.entries.map(keyOf).sort()).toEqual(clean.entries.map(keyOf).sort());
    } finally {
      await emu.control.clearFaults();
    }
  });

  it("a listing that keeps failing is reported by API and place, the rest is still read, and the exit code is 2", async () => {
    await emu.control.setFaults({ seed: 1, rates: { "500": 1 }, operations: ["fc3:ListAliases"] });
    try {
      const run = io();
      const code = await main(["discover", "--emulator", emu.url, "--api", "fc3", "--json", "--no-progress"], { ...run.io, env: { ...env, PULUMI_ASYNC_INVOKE_RETRY_BUDGET_SECONDS: "0" } });
      expect(code).toBe(EXIT.error);
      const report = JSON.parse(run.out.join("")) as { entries: unknown[]; errors: { api: string; where: string; message: string }[] };
      expect(report.errors).toHaveLength(18);
      expect(report.errors[0]).toMatchObject({ api: "fc3", where: expect.stringMatching(/^functions\/estate-fc3-\d{3}\/aliases$/) });
      // Without the alias listings: every LATEST, the 4 versions, and the 3 aliases that have a config (the account's
      // config listing still names them).
      expect(report.entries).toHaveLength(18 + 4 + 3);
      expect(run.err.join("")).toMatch(/^error: fc3 functions\/estate-fc3-000\/aliases: /m);
    } finally {
      await emu.control.clearFaults();
    }
  });
});
