// Helpers for tests that judge FC 3.0 with its official SDK (@alicloud/fc20230330): clients, a function with real
// code, and the cloud's {code, status} out of an SDK error.
import { Readable } from "node:stream";
import * as $dara from "@darabonba/typescript";
export { $Fc3, Fc3, fc3For, fc3NodeFunction, liveFc3Config } from "../../scripts/lib/fc3-sdk.ts";
import { $Fc3, type Fc3 } from "../../scripts/lib/fc3-sdk.ts";

export interface Fc3Failure {
  code: string;
  status: number;
  message: string;
  requestId: string;
}

/** Awaits a call that must fail and returns what openapi-core read from FC 3.0's `{Code, Message, RequestId}` body. */
export async function fc3Failure(call: Promise<unknown>): Promise<Fc3Failure> {
  try {
    await call;
  } catch (error) {
    const e = error as { code?: unknown; statusCode?: unknown; data?: { Message?: unknown }; requestId?: unknown };
    if (typeof e.code === "string" && typeof e.statusCode === "number") {
      return { code: e.code, status: e.statusCode, message: String(e.data?.Message ?? ""), requestId: String(e.requestId ?? "") };
    }
    throw error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/** InvokeFunction with the SDK's headers model: `Async` with an optional task id, or `Sync`. */
export function invoke(sdk: Fc3, functionName: string, payload: string, options: { type?: "Sync" | "Async"; taskId?: string; qualifier?: string } = {}) {
  return sdk.invokeFunctionWithOptions(
    functionName,
    new $Fc3.InvokeFunctionRequest({ body: Readable.from(Buffer.from(payload)), ...(options.qualifier !== undefined && { qualifier: options.qualifier }) }),
    new $Fc3.InvokeFunctionHeaders({ xFcInvocationType: options.type ?? "Sync", ...(options.taskId !== undefined && { xFcAsyncTaskId: options.taskId }) }),
    new $dara.RuntimeOptions({}),
  );
}

export async function readAll(stream: Readable | undefined): Promise<string> {
  if (stream === undefined) return "";
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

export const putConfig = (sdk: Fc3, functionName: string, input: ConstructorParameters<typeof $Fc3.PutAsyncInvokeConfigInput>[0], qualifier?: string) =>
  sdk.putAsyncInvokeConfig(functionName, new $Fc3.PutAsyncInvokeConfigRequest({ body: new $Fc3.PutAsyncInvokeConfigInput(input), ...(qualifier !== undefined && { qualifier }) }));
