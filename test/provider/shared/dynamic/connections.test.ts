// Named connection profiles for the dynamic resources: a resource's `connection` input picks the profile whose
// settings its calls use, the name (never a setting) is kept among inputs and outputs, another name replaces
// the resource, and an unknown name or a plain-text profile holding keys is refused before any call.
import { describe, expect, it } from "vitest";
import { CONNECTIONS_KEY, connectionConfig, type ConfigSource } from "../../../../provider/shared/config";
import { withConnections } from "../../../../provider/shared/dynamic/connections";
import type { ProviderMethods } from "../../../../provider/shared/dynamic/methods";
import { assertConnectionsSecret, PlaintextCredentialError } from "../../../../provider/shared/secret-config";

const PROFILES = {
  sh: { "alicloud:region": "cn-shanghai", "alicloud:accountId": "2222222222222222", "alicloud:accessKey": "LTAIShanghai", "alicloud:secretKey": "ShanghaiSecret" },
};
const stackConfig = (values: Record<string, string>): ConfigSource => ({ get: (key) => values[key] });
const STACK = stackConfig({ "alicloud:region": "cn-hangzhou", "alicloud:accountId": "1111111111111111", "pulumi-async-invoke:fcEndpoint": "http://127.0.0.1:9", [CONNECTIONS_KEY]: JSON.stringify(PROFILES) });

/** Methods that report the settings they were configured with, so a test sees which profile ran. */
function recording(config: ConfigSource): ProviderMethods {
  const where = () => ({ accountId: config.get("alicloud:accountId"), region: config.get("alicloud:region"), endpoint: config.get("pulumi-async-invoke:fcEndpoint") });
  return {
    check: async (_olds, news) => ({ inputs: news }),
    diff: async () => ({ changes: false }),
    create: async (inputs) => ({ id: "shop:orders:LATEST", outs: { ...inputs, ...where() } }),
    read: async (id, props) => ({ id, props: { ...props, ...where() }, inputs: { serviceName: "shop" } }),
    update: async (_id, _olds, news) => ({ outs: { ...news, ...where() } }),
    delete: async () => {},
  };
}

describe("withConnections", () => {
  const methods = withConnections(STACK, recording);

  it("runs without a connection on the stack's own settings", async () => {
    expect((await methods.create({ serviceName: "shop" })).outs).toEqual({ serviceName: "shop", accountId: "1111111111111111", region: "cn-hangzhou", endpoint: "http://127.0.0.1:9" });
  });

  it("runs a named profile's settings, the stack's for what the profile leaves out, and keeps only the name", async () => {
    const created = await methods.create({ serviceName: "shop", connection: "sh" });
    expect(created.outs).toEqual({ serviceName: "shop", connection: "sh", accountId: "2222222222222222", region: "cn-shanghai", endpoint: "http://127.0.0.1:9" });
    expect(JSON.stringify(created)).not.toMatch(/LTAIShanghai|ShanghaiSecret/);
    const read = await methods.read("shop:orders:LATEST", { serviceName: "shop", connection: "sh" });
    expect(read.inputs).toEqual({ serviceName: "shop", connection: "sh" });
    expect(read.props).toMatchObject({ connection: "sh", accountId: "2222222222222222" });
  });

  it("refuses an unknown profile in check, naming the known ones", async () => {
    expect((await methods.check({}, { serviceName: "shop", connection: "bj" })).failures).toEqual([
      { property: "connection", reason: `connection "bj" is not a profile in ${CONNECTIONS_KEY}; the profiles are sh` },
    ]);
    expect((await methods.check({}, { serviceName: "shop", connection: 3 })).failures).toEqual([
      { property: "connection", reason: `connection must be the name of a profile in ${CONNECTIONS_KEY}` },
    ]);
    expect(await methods.check({}, { serviceName: "shop", connection: "sh" })).toEqual({ inputs: { serviceName: "shop", connection: "sh" } });
  });

  it("replaces a resource whose connection changes, and leaves one that keeps it to its provider's diff", async () => {
    expect(await methods.diff("id", { connection: "sh" }, {})).toEqual({ changes: true, replaces: ["connection"], deleteBeforeReplace: false });
    expect(await methods.diff("id", { connection: "sh" }, { connection: "sh" })).toEqual({ changes: false });
  });
});

describe("connectionConfig", () => {
  it("says how to define profiles when there are none", () => {
    expect(() => connectionConfig(stackConfig({}), "sh")).toThrow(`connection "sh" is not a profile in ${CONNECTIONS_KEY}, which is not set: pulumi config set --secret ${CONNECTIONS_KEY} '{"sh": {...}}'`);
  });

  it("refuses profiles that are not objects of strings, naming the key", () => {
    expect(() => connectionConfig(stackConfig({ [CONNECTIONS_KEY]: '{"sh": {"alicloud:region": 1}}' }), "sh")).toThrow(`${CONNECTIONS_KEY} must be a JSON object from profile name to settings, each a string`);
  });
});

describe("assertConnectionsSecret", () => {
  const text = JSON.stringify(PROFILES);
  it("refuses profiles holding keys that were set as plain text", () => {
    expect(() => assertConnectionsSecret({ get: () => text, isSecret: () => false })).toThrow(PlaintextCredentialError);
  });
  it("accepts them set as a secret, and profiles without keys in plain text", () => {
    expect(() => assertConnectionsSecret({ get: () => text, isSecret: () => true })).not.toThrow();
    expect(() => assertConnectionsSecret({ get: () => '{"sh": {"alicloud:region": "cn-shanghai"}}', isSecret: () => false })).not.toThrow();
  });
});
