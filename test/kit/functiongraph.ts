// Helpers for tests that set up FunctionGraph with its official SDK: a function with real code, and a stack whose
// functiongraph resources reach the emulator.
import type { EmulatorStack } from "../../scripts/lib/emulator-stack.ts";
import { functionZip } from "./function-zip";

/** The SDK's CreateFunction request for a Node.js function whose handler runs `source` (FunctionGraph's form). */
export function fgNodeFunction(name: string, source = "exports.handler = async () => ({ ok: true });") {
  const file = Buffer.from(functionZip({ "index.js": source })).toString("base64");
  return { body: { func_name: name, runtime: "Node.js18.15", handler: "index.handler", timeout: 30, memory_size: 128, code_type: "zip", func_code: { file } } };
}

/** Stack config for FunctionGraph against an emulator: keys (as secrets), region, project id and endpoint. */
export async function configureFunctionGraph(stack: EmulatorStack, emulator: { url: string; projectId: string; credentials: { accessKeyId: string; accessKeySecret: string } }): Promise<void> {
  await stack.setConfig("huaweicloud:access_key", emulator.credentials.accessKeyId, { secret: true });
  await stack.setConfig("huaweicloud:secret_key", emulator.credentials.accessKeySecret, { secret: true });
  await stack.setConfig("huaweicloud:region", "cn-north-4");
  await stack.setConfig("huaweicloud:project_id", emulator.projectId);
  await stack.setConfig("pulumi-async-invoke:functiongraphEndpoint", emulator.url);
}
