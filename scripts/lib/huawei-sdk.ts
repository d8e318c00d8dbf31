// The official Huawei Cloud FunctionGraph SDK (@huaweicloud/huaweicloud-sdk-functiongraph 3.1.211), made safe to use
// against the emulator (or the cloud) from tests, the demo and examples:
// - its core `require`s `uuid` without declaring it: this project installs uuid@9 beside it;
// - without `customUserAgent` ClientBuilder.build() writes ~/.huaweicloud/application_id: we always give one;
// - its log4js logger prints the full request (Authorization, X-Security-Token) on every HTTP error: we switch
//   log4js off right after loading the SDK, before any client exists.
import * as coreModule from "@huaweicloud/huaweicloud-sdk-core";
import * as fgModule from "@huaweicloud/huaweicloud-sdk-functiongraph";
import log4js from "log4js";

const core = coreModule as unknown as { BasicCredentials: new () => { withAk(ak: string): Chain } };
const fg = fgModule as unknown as { FunctionGraphClient: { newBuilder(): Builder } };
log4js.configure({ appenders: { off: { type: "stdout" } }, categories: { default: { appenders: ["off"], level: "off" } } });

type Chain = { withSk(sk: string): Chain; withProjectId(p: string): Chain; withSecurityToken(t: string): Chain };
interface Builder {
  withCredential(c: unknown): Builder;
  withEndpoint(url: string): Builder;
  withOptions(o: { customUserAgent: string }): Builder;
  build(): HuaweiFgClient;
}

type Response = Record<string, unknown> & { httpStatusCode?: number };
/** The SDK methods the tests and scripts call; requests are plain objects with wire keys. */
export interface HuaweiFgClient {
  createFunction(r: { body: Record<string, unknown> }): Promise<Response>;
  listFunctions(r: { marker?: string; maxitems?: string; package_name?: string }): Promise<Response>;
  showFunctionConfig(r: { function_urn: string }): Promise<Response>;
  deleteFunction(r: { function_urn: string }): Promise<Response>;
  createFunctionVersion(r: { function_urn: string; body: Record<string, unknown> }): Promise<Response>;
  listFunctionVersions(r: { function_urn: string }): Promise<Response>;
  createVersionAlias(r: { function_urn: string; body: Record<string, unknown> }): Promise<Response>;
  showVersionAlias(r: { function_urn: string; alias_name: string }): Promise<Response>;
  deleteVersionAlias(r: { function_urn: string; alias_name: string }): Promise<Response>;
  listVersionAliases(r: { function_urn: string }): Promise<Response>;
  invokeFunction(r: { function_urn: string; body: Record<string, unknown> }): Promise<Response>;
  updateFunctionAsyncInvokeConfig(r: { function_urn: string; body: Record<string, unknown> }): Promise<Response>;
  showFunctionAsyncInvokeConfig(r: { function_urn: string }): Promise<Response>;
  deleteFunctionAsyncInvokeConfig(r: { function_urn: string }): Promise<Response>;
  listFunctionAsyncInvokeConfig(r: { function_urn: string; marker?: string; limit?: string }): Promise<Response>;
  asyncInvokeFunction(r: { function_urn: string; body: Record<string, unknown> }): Promise<Response>;
  listAsyncInvocations(r: { function_urn: string; request_id?: string; marker?: string; limit?: string; status?: string; query_begin_time?: string; query_end_time?: string }): Promise<Response>;
  cancelAsyncInvocation(r: { function_urn: string; body: { request_id: string; type?: string } }): Promise<Response>;
}

/** An emulator (what `start()` returns) or any FunctionGraph endpoint with a project and keys. */
export interface HuaweiEndpoint {
  url: string;
  projectId: string;
  credentials: { accessKeyId: string; accessKeySecret: string };
  /** The region its URNs name (an emulator's `functiongraphRegion`); cn-north-4, the emulator's default, when absent. */
  functiongraphRegion?: string;
}

export const EMULATOR_FUNCTIONGRAPH_REGION = "cn-north-4";

/** A FunctionGraph client of the official SDK for an endpoint, optionally with an STS token (or other keys). */
export function functionGraphSdk(endpoint: HuaweiEndpoint, keys?: { accessKey: string; secretKey: string; securityToken?: string }): HuaweiFgClient {
  const k = keys ?? { accessKey: endpoint.credentials.accessKeyId, secretKey: endpoint.credentials.accessKeySecret };
  let credential = new core.BasicCredentials().withAk(k.accessKey).withSk(k.secretKey).withProjectId(endpoint.projectId);
  if (keys?.securityToken !== undefined) credential = credential.withSecurityToken(keys.securityToken);
  return fg.FunctionGraphClient.newBuilder().withCredential(credential).withEndpoint(endpoint.url).withOptions({ customUserAgent: "pulumi-async-invoke-tests" }).build();
}

/** The SDK's exception as `{status, code, message, requestId}`, so a test asserts the exact code. */
export async function sdkFailure(call: Promise<unknown>): Promise<{ status: number; code: string; message: string; requestId: string }> {
  try {
    await call;
  } catch (error) {
    const e = error as { httpStatusCode?: number; errorCode?: string; errorMsg?: string; requestId?: string };
    if (typeof e.httpStatusCode === "number") return { status: e.httpStatusCode, code: String(e.errorCode), message: String(e.errorMsg), requestId: String(e.requestId) };
    throw error;
  }
  throw new Error("expected the call to fail");
}

/** `{urn}` of a function in the emulator's project. */
export function urnOf(endpoint: HuaweiEndpoint, name: string, qualifier = "latest", pkg = "default"): string {
  return `urn:fss:${endpoint.functiongraphRegion ?? EMULATOR_FUNCTIONGRAPH_REGION}:${endpoint.projectId}:function:${pkg}:${name}:${qualifier}`;
}
