// Creates, in a local FC emulator, the services, functions, versions and aliases this stack's config names, so
// that `pulumi up` has functions to configure. Run it after starting `fc-emulator` and before `pulumi up`:
//   npm run seed-emulator
// It reads the endpoint, account, keys and function list from the selected stack (`pulumi config --json`), and
// refuses any endpoint that is not on this machine: it never creates anything in Alibaba Cloud.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { strToU8, zipSync } from "fflate";

type ConfigEntry = { value?: string; objectValue?: unknown; secret?: boolean };
type Target = { serviceName: string; functionName: string; qualifier?: string | number };
type Response = { data: Record<string, unknown> };

/** The part of `@alicloud/fc2` (which ships no types) this script calls. */
interface Fc2Client {
  getService(name: string): Promise<Response>;
  createService(name: string, options?: object): Promise<Response>;
  getFunction(service: string, fn: string): Promise<Response>;
  createFunction(service: string, options: object): Promise<Response>;
  listVersions(service: string, options?: object): Promise<Response>;
  updateService(service: string, options: object): Promise<Response>;
  publishVersion(service: string, description?: string): Promise<Response>;
  getAlias(service: string, alias: string): Promise<Response>;
  createAlias(service: string, alias: string, versionId: string, options?: object): Promise<Response>;
}
type Fc2Constructor = new (
  accountId: string,
  config: { accessKeyID: string; accessKeySecret: string; region: string; endpoint: string; timeout: number },
) => Fc2Client;

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);
// A handler that succeeds, so async invocations of the seeded functions run to completion.
const HANDLER_ZIP = Buffer.from(
  zipSync({ "index.js": strToU8("exports.handler = (event, context, callback) => callback(null, 'ok');\n") }),
).toString("base64");

function stackConfig(): Record<string, ConfigEntry> {
  const text = execFileSync("pulumi", ["config", "--json", "--show-secrets"], { encoding: "utf8" });
  return JSON.parse(text) as Record<string, ConfigEntry>;
}

function required(config: Record<string, ConfigEntry>, key: string): string {
  const value = config[key]?.value;
  if (!value) throw new Error(`${key} is not set in this stack; run \`pulumi config set ${key} <value>\``);
  return value;
}

/** Runs `call`; an error with one of `codes` means "not there", anything else is rethrown. */
async function exists(call: () => Promise<unknown>, codes: string[]): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (error) {
    if (codes.includes(String((error as { code?: unknown }).code))) return false;
    throw error;
  }
}

async function main(): Promise<void> {
  const project = /^name:\s*(\S+)\s*$/m.exec(readFileSync("Pulumi.yaml", "utf8"))?.[1];
  if (!project) throw new Error("no `name:` in Pulumi.yaml; run this from the project directory");
  const config = stackConfig();
  const endpoint = new URL(required(config, "pulumi-async-invoke:fcEndpoint"));
  if (endpoint.protocol !== "http:" || !LOOPBACK.has(endpoint.hostname)) {
    throw new Error(`pulumi-async-invoke:fcEndpoint is ${endpoint.origin}: this script only seeds a local emulator (http on 127.0.0.1)`);
  }
  const Fc2 = require("@alicloud/fc2") as Fc2Constructor;
  const client = new Fc2(required(config, "alicloud:accountId"), {
    accessKeyID: required(config, "alicloud:accessKey"),
    accessKeySecret: required(config, "alicloud:secretKey"),
    region: config["alicloud:region"]?.value ?? "cn-hangzhou",
    endpoint: endpoint.origin,
    timeout: 10_000,
  });
  const targets = (config[`${project}:functions`]?.objectValue ?? []) as Target[];

  for (const { serviceName, functionName, qualifier } of targets) {
    if (!(await exists(() => client.getService(serviceName), ["ServiceNotFound"]))) {
      await client.createService(serviceName, { description: "created by seed-emulator" });
      console.log(`created service ${serviceName}`);
    }
    if (!(await exists(() => client.getFunction(serviceName, functionName), ["FunctionNotFound"]))) {
      await client.createFunction(serviceName, { functionName, runtime: "nodejs18", handler: "index.handler", code: { zipFile: HANDLER_ZIP } });
      console.log(`created function ${serviceName}/${functionName}`);
    }
    const wanted = qualifier === undefined ? "LATEST" : String(qualifier);
    if (wanted === "LATEST") continue;
    const versions = async () => ((await client.listVersions(serviceName, { limit: 100 })).data["versions"] ?? []) as { versionId: string }[];
    let latest = Math.max(0, ...(await versions()).map((v) => Number(v.versionId)));
    if (/^[0-9]+$/.test(wanted)) {
      // Versions are numbered by the service, one more each time: publish until the named one exists.
      // FC refuses to publish when nothing changed since the newest version, so each round first
      // changes the service's description.
      while (latest < Number(wanted)) {
        if (latest > 0) await client.updateService(serviceName, { description: `seeded up to version ${latest + 1}` });
        latest = Number((await client.publishVersion(serviceName, "published by seed-emulator")).data["versionId"]);
        console.log(`published version ${serviceName}.${latest}`);
      }
    } else if (!(await exists(() => client.getAlias(serviceName, wanted), ["AliasNotFound"]))) {
      if (latest === 0) latest = Number((await client.publishVersion(serviceName, "published by seed-emulator")).data["versionId"]);
      await client.createAlias(serviceName, wanted, String(latest));
      console.log(`created alias ${serviceName}.${wanted} -> version ${latest}`);
    }
  }
  console.log(`${targets.length} function target(s) ready at ${endpoint.origin}`);
}

main().catch((error: unknown) => {
  console.error(`seed-emulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
