#!/usr/bin/env node
// `pulumi-async-invoke discover`: every function × qualifier of an account with its async config, judged by the
// estate rules with `--check`, and written out for adoption with `--adopt`.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { connect, ConnectionError } from "./connection";
import { writeAdoption } from "./adopt";
import { ESTATE_APIS, type EstateApi } from "./model";
import { progressFor, type ProgressStream } from "./progress";
import { formatTable, formatViolations, jsonReport, judge, summarize } from "./report";
import { DEFAULT_RULE_SETTINGS, ruleSettings, RULES } from "./rules";
import { walkEstate } from "./walk";

/** Exit codes, for CI. */
export const EXIT = {
  /** The walk read everything; with `--check`, no mandatory rule is broken (advisory ones are printed). */
  ok: 0,
  /** `--check`: at least one mandatory rule is broken. */
  violations: 1,
  /** Bad flags, a setting that could not be resolved, unreadable stack config, or a listing that failed after its retries. */
  error: 2,
} as const;

export const USAGE = `Usage: pulumi-async-invoke discover [options]

Lists every function × qualifier (FC 2.0 services → functions → versions and aliases; FC 3.0 functions, versions and
aliases; FunctionGraph functions, versions and aliases) with its async invoke config, or "none".

  --api <list>              APIs to walk, comma-separated: ${ESTATE_APIS.join(", ")} (default: all three)
  --json                    one JSON document {summary, entries, errors} on stdout instead of the table
  --check                   apply the estate rules; exit 1 when a mandatory one is broken
  --rules <file>            JSON of rule overrides, e.g. {"event-age-at-most": {"maxSeconds": 3600, "enforcement": "mandatory"}}
  --adopt <dir>             write <dir>/Pulumi.<stack>.yaml (<project>:functions for targetsFromConfig, adoptExisting: true)
                            and <dir>/import.json (pulumi import --file) for every config found
  --project <name>          the project name for --adopt's config keys (default: the name in <dir>/Pulumi.yaml, else "estate")
  --adopt-stack <name>      the stack file --adopt writes (default: --stack, else "dev")
  --stack <name>            read endpoints and credentials from this stack's config (pulumi config --json --show-secrets)
  --cwd <dir>               the project directory for --stack (default: the current directory)
  --emulator <url>          the emulator's URL: FC 2.0, FC 3.0 and FunctionGraph endpoint at once
  --fc-endpoint <url>       FC 2.0 / 3.0 endpoint (else pulumi-async-invoke:fcEndpoint, FC_ENDPOINT, the account's)
  --functiongraph-endpoint <url>
                            FunctionGraph endpoint (else pulumi-async-invoke:functiongraphEndpoint, FUNCTIONGRAPH_ENDPOINT)
  --concurrency <n>         functions read at once, 1-64 (default 8)
  --no-progress             no progress on stderr

Credentials as the resources read them: the flags' stack config, else ALICLOUD_* / ALIBABA_CLOUD_* and HW_* /
HUAWEICLOUD_SDK_* in the environment, else Alibaba's default credential chain.
Exit codes: 0 clean, 1 mandatory violations (--check), 2 usage, settings or connection errors (the report is incomplete).

Rules (--check):
${RULES.map((r) => `  ${r.id.padEnd(30)} ${DEFAULT_RULE_SETTINGS[r.id].enforcement.padEnd(10)} ${r.description}`).join("\n")}
`;

export interface Io {
  readonly stdout: ProgressStream;
  readonly stderr: ProgressStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

class UsageError extends Error {}

function parse(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      api: { type: "string" },
      json: { type: "boolean" },
      check: { type: "boolean" },
      rules: { type: "string" },
      adopt: { type: "string" },
      project: { type: "string" },
      "adopt-stack": { type: "string" },
      stack: { type: "string" },
      cwd: { type: "string" },
      emulator: { type: "string" },
      "fc-endpoint": { type: "string" },
      "functiongraph-endpoint": { type: "string" },
      concurrency: { type: "string" },
      "no-progress": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return { help: true as const };
  if (positionals[0] !== "discover" || positionals.length > 1) throw new UsageError(`expected the command "discover"; got ${positionals.length === 0 ? "none" : positionals.map((p) => JSON.stringify(p)).join(" ")}`);
  const apis = (values.api ?? ESTATE_APIS.join(",")).split(",").map((a) => a.trim());
  for (const api of apis) if (!ESTATE_APIS.includes(api as EstateApi)) throw new UsageError(`--api: unknown API ${JSON.stringify(api)}; allowed: ${ESTATE_APIS.join(", ")}`);
  const concurrency = values.concurrency === undefined ? 8 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UsageError(`--concurrency must be a whole number from 1 to 64; got ${values.concurrency}`);
  for (const flag of ["emulator", "fc-endpoint", "functiongraph-endpoint"] as const) {
    const url = values[flag];
    if (url !== undefined && !/^https?:\/\/[^/]+/.test(url)) throw new UsageError(`--${flag} must be an http(s) URL; got ${JSON.stringify(url)}`);
  }
  return { help: false as const, values, apis: apis as EstateApi[], concurrency };
}

function projectName(dir: string, given: string | undefined): string {
  if (given !== undefined) return given;
  try {
    const name = /^name:\s*(\S+)/m.exec(readFileSync(path.join(dir, "Pulumi.yaml"), "utf8"))?.[1];
    if (name) return name;
  } catch {
    // no Pulumi.yaml there: the default name
  }
  return "estate";
}

/** Runs one command line; resolves to the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  let settings = DEFAULT_RULE_SETTINGS;
  try {
    parsed = parse(argv);
    if (parsed.help) {
      io.stdout.write(USAGE);
      return EXIT.ok;
    }
    if (parsed.values.rules !== undefined) settings = ruleSettings(JSON.parse(readFileSync(path.resolve(io.cwd, parsed.values.rules), "utf8")) as Record<string, unknown>);
  } catch (error) {
    io.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return EXIT.error;
  }
  const { values, apis, concurrency } = parsed;
  try {
    const clients = await connect({
      apis,
      fcEndpoint: values["fc-endpoint"] ?? values.emulator,
      functiongraphEndpoint: values["functiongraph-endpoint"] ?? values.emulator,
      stack: values.stack,
      cwd: values.cwd === undefined ? io.cwd : path.resolve(io.cwd, values.cwd),
      env: io.env,
    });
    const progress = values["no-progress"] ? undefined : progressFor(io.stderr);
    const estate = await walkEstate(clients, { concurrency, progress });
    progress?.done();
    const check = values.check === true;
    const entries = check ? judge(estate, settings) : estate.entries;
    io.stdout.write(values.json ? `${jsonReport(entries, estate, check)}\n` : `${formatTable(entries, check)}\n`);
    for (const e of estate.errors) io.stderr.write(`error: ${e.api} ${e.where}: ${e.message}\n`);
    if (values.adopt !== undefined) {
      const dir = path.resolve(io.cwd, values.adopt);
      const written = writeAdoption(dir, projectName(dir, values.project), values["adopt-stack"] ?? values.stack ?? "dev", estate.entries);
      io.stderr.write(`adopt: wrote ${written.stackConfig} and ${written.importFile}\n`);
    }
    const summary = summarize(entries, estate.errors.length);
    if (check) {
      for (const line of formatViolations(entries)) io.stderr.write(`${line}\n`);
      io.stderr.write(`check: ${summary.mandatory} mandatory and ${summary.advisory} advisory violations over ${summary.qualifiers} function qualifiers (${summary.functions} functions)\n`);
    }
    if (estate.errors.length > 0) return EXIT.error;
    return check && summary.mandatory > 0 ? EXIT.violations : EXIT.ok;
  } catch (error) {
    const known = error instanceof ConnectionError || (error instanceof Error && /exists; adopt into/.test(error.message));
    io.stderr.write(`error: ${error instanceof Error ? (known ? error.message : error.stack ?? error.message) : String(error)}\n`);
    return EXIT.error;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }).then((code) => {
    process.exitCode = code;
  });
}
