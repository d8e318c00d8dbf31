import { readFileSync } from "node:fs";
import Module from "node:module";
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import * as implementation from "../../../../provider/dynamic-provider";
import { thinProvider } from "../../../../provider/fc2/resource";
import { IMPLEMENTATION_MODULE } from "../../../../provider/shared/dynamic/thin-provider";

const SECRET_KEY = "SecretKey-that-must-never-reach-state-0001";
const ACCESS_KEY = "LTAI-access-key-id-0003";

interface ModuleInternals {
  _nodeModulePaths(dir: string): string[];
}
interface CompilableModule {
  filename: string;
  paths: string[];
  exports: Record<string, unknown>;
  require(id: string): unknown;
  _compile(code: string, filename: string): void;
}
type ModuleConstructor = new (id: string) => CompilableModule;

/** Loads CommonJS text as a module at `filename`, optionally answering some `require`s itself (as Pulumi's host would find them). */
function loadCommonJs(code: string, filename: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const m = new (Module as unknown as ModuleConstructor)(filename);
  m.filename = filename;
  m.paths = (Module as unknown as ModuleInternals)._nodeModulePaths(path.dirname(filename));
  const original = m.require.bind(m);
  m.require = (id: string) => (id in overrides ? overrides[id] : original(id));
  m._compile(code, filename);
  return m.exports;
}

/** thin-provider.ts compiled the way `tsc -p tsconfig.build.json` ships it (CommonJS, ES2023), made for FC 2.0's resource. */
function shippedThinProvider(): object {
  const file = path.join(process.cwd(), "provider/shared/dynamic/thin-provider.ts");
  const { outputText } = ts.transpileModule(readFileSync(file, "utf8"), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2023, esModuleInterop: true },
    fileName: file,
  });
  const shipped = loadCommonJs(outputText, file.replace(/\.ts$/, ".shipped.js"));
  return (shipped["thinProviderFor"] as (resourceType: string) => object)("fc:FunctionAsyncInvokeConfig");
}

/** What `pulumi.dynamic.Resource` stores as `__provider` (dynamic/index.js `serializeFunctionMaybeSecret`). */
async function serialize(provider: object) {
  return pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
}

describe("the serialized provider (`__provider` in state)", () => {
  test("as shipped: under 2 KB for the two copies in state, a loader with no copy of our code and no secret", async () => {
    const { text, containsSecrets } = await serialize(shippedThinProvider());
    // Pulumi stores `__provider` twice per resource (inputs and outputs).
    expect(2 * Buffer.byteLength(text)).toBeLessThan(2048);
    expect(containsSecrets).toBe(false);
    // One function on one line, the module path written out, only `type` captured: 592 bytes. It was 1,005 with a
    // `create` stub and a captured path, and 612 with the function's body on three indented lines.
    expect(Buffer.byteLength(text)).toBeLessThan(600);
    expect(text).toContain(`require("${IMPLEMENTATION_MODULE}")`);
    expect(text).toContain('type: "fc:FunctionAsyncInvokeConfig"');
    expect(text).toMatch(/var __\w+ = \{configure: __f1\};/);
    // Nothing of the implementation is inlined: no schemas, no client, no signing, no credential handling.
    for (const marker of ["zod", "safeParse", "FcClient", "createHmac", "signRequest", "resolveConnection", "alicloud:", "undici"]) {
      expect(text).not.toContain(marker);
    }
  });

  test("as the test runner loads it (FC 2.0's resource): the same shape", async () => {
    const { text } = await serialize(thinProvider);
    expect(2 * Buffer.byteLength(text)).toBeLessThan(2048);
    expect(text).not.toContain("safeParse");
    expect(text).toContain('type: "fc:FunctionAsyncInvokeConfig"');
  });

  test("deserialized like Pulumi's host does, configure installs the installed implementation's methods", async () => {
    const { text } = await serialize(shippedThinProvider());
    const handler = loadCommonJs(text, path.join(process.cwd(), "__provider.js"), { [IMPLEMENTATION_MODULE]: implementation })["handler"] as () => Record<string, unknown>;
    const provider = handler();
    expect(Object.keys(provider)).toEqual(["configure"]);

    const stack: Record<string, string> = { "alicloud:secretKey": SECRET_KEY, "alicloud:accessKey": ACCESS_KEY, "alicloud:accountId": "123" };
    await (provider["configure"] as (req: pulumi.dynamic.ConfigureRequest) => Promise<void>)({ config: { get: (k) => stack[k], require: (k) => stack[k] ?? "" } });
    expect(Object.keys(provider).sort()).toEqual(["check", "configure", "create", "delete", "diff", "read", "update"]);
    const check = provider["check"] as pulumi.dynamic.ResourceProvider["check"] & {};
    expect(await check({}, { serviceName: "svc", functionName: "fn", maxAsyncRetryAttempts: 0 })).toEqual({
      inputs: {
        serviceName: "svc",
        functionName: "fn",
        qualifier: "LATEST",
        destinationConfig: {},
        maxAsyncEventAgeInSeconds: 86400,
        maxAsyncRetryAttempts: 0,
        statefulInvocation: false,
      },
    });
    // The configured provider lives in this process only: serializing it again still yields the loader text.
    expect(JSON.stringify(provider)).not.toContain(SECRET_KEY);
  });
});
