// The committed schema is the one schema.ts writes; its resources' properties are the dynamic resources' own
// inputs; credentials are secret; every invoke and resource token is served by the plugin.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FunctionAsyncInvokeConfigInputSchema } from "../../../provider/fc2/inputs";
import { AsyncInvokeConfigInputSchema } from "../../../provider/fc3/schema";
import { INPUT_KEYS as FG_INPUT_KEYS } from "../../../provider/functiongraph/schema";
import { INVOKES } from "../../../provider/plugin/invokes";
import { RESOURCE_TOKENS } from "../../../provider/plugin/tokens";
import { SCHEMA_PATH, schemaFileText } from "../../../provider/plugin/write-schema";

const schema = JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as {
  version: string;
  config: { variables: Record<string, { secret?: boolean }> };
  resources: Record<string, { inputProperties: Record<string, unknown> }>;
  functions: Record<string, unknown>;
};

describe("schema.json", () => {
  it("is current: regenerate with node -r ts-node/register/transpile-only provider/plugin/write-schema.ts", () => {
    expect(readFileSync(SCHEMA_PATH, "utf8")).toBe(schemaFileText());
  });

  it("names each resource's inputs as the dynamic resource does", () => {
    const inputs = (token: string) => Object.keys(schema.resources[token]!.inputProperties).sort();
    expect(inputs("asyncinvoke:fc:FunctionAsyncInvokeConfig")).toEqual(Object.keys(FunctionAsyncInvokeConfigInputSchema.shape).sort());
    expect(inputs("asyncinvoke:fc3:AsyncInvokeConfig")).toEqual(Object.keys(AsyncInvokeConfigInputSchema.shape).sort());
    expect(inputs("asyncinvoke:functiongraph:AsyncInvokeConfig")).toEqual([...FG_INPUT_KEYS].sort());
    expect(inputs("asyncinvoke:index:AsyncInvokePolicyBatch")).toEqual(["concurrency", "configs"]);
  });

  it("marks exactly the credentials secret", () => {
    const secret = Object.entries(schema.config.variables).filter(([, v]) => v.secret === true).map(([k]) => k);
    expect(secret).toEqual(["accessKey", "secretKey", "securityToken", "huaweicloudAccessKey", "huaweicloudSecretKey", "huaweicloudSecurityToken"]);
  });

  it("declares the tokens the plugin serves, and no others", () => {
    expect(Object.keys(schema.resources).sort()).toEqual(Object.keys(RESOURCE_TOKENS).sort());
    expect(Object.keys(schema.functions).sort()).toEqual(Object.keys(INVOKES).sort());
    expect(schema.version).toBe((JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version);
  });
});
