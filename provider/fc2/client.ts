/**
 * A small Function Compute 2.0 client for async invocation: configs, asynchronous tasks and invocations.
 *
 * Paths use the 2016-08-15 prefix with the qualifier in the path (`/services/{svc}.{qualifier}/...`), as the official
 * `@alicloud/fc2` SDK does; the qualifier is always written out, `LATEST` included, so a request names exactly one
 * config. Every request is signed (signing.ts) with credentials fetched per attempt, so refreshed STS credentials
 * are picked up. Idempotent calls (GET/PUT/DELETE) are retried on 408/429/5xx and network failures by
 * `shared/retry.ts`; POST (invoke) never is. Each attempt has its own timeout; the caller's `AbortSignal` cancels
 * the attempt and any pending backoff. Failures are `ApiError`s carrying FC's `ErrorCode`, the request id, the HTTP
 * status and the operation, with credential values redacted.
 */
import type { HttpResponse } from "../shared/http";
import { apiErrorFrom, httpEndpoint, queryString, type CallOptions, type TransportOptions } from "../shared/transport";
import { FcClientCore, nextTokenOf, taskListQuery, type AddressedRequest, type CredentialsSource } from "../alicloud/fc-client-core";
import { canonicalize } from "../shared/diff";
import { DEFAULT_QUALIFIER, NAME_PATTERN, QUALIFIER_PATTERN } from "../../contracts/fc2";
import { checkName as checkNameBy, checkQualifier as checkQualifierBy, type InvokeOptions, type InvokeOutcome, type RequestSpec, type TaskListFilters } from "../alicloud/fc-requests";
import type { InventoryPage } from "../shared/inventory";
import { AliasItemSchema, FunctionItemSchema, ServiceItemSchema, VersionItemSchema, type AliasItem, type FunctionItem, type InventoryPageRequest, type ServiceItem, type VersionItem } from "../alicloud/fc-inventory";
import { signRequest } from "./signing";
import { StatefulAsyncInvocationSchema, WireListStatefulAsyncInvocationsSchema, type StatefulAsyncInvocation } from "./tasks";
import {
  WireListAsyncInvokeConfigsSchema,
  WirePutAsyncInvokeConfigBodySchema,
  parseWireConfig,
  type AsyncInvokeConfig,
  type AsyncInvokeConfigRef,
  type PutAsyncInvokeConfigBody,
} from "./wire";

const checkName = (name: string, what: string): string => checkNameBy(NAME_PATTERN, name, what);

export const API_VERSION = "2016-08-15";
export { DEFAULT_TIMEOUT_MS, type CallOptions } from "../shared/transport";

export type { CredentialsSource } from "../alicloud/fc-client-core";

/** Where and as whom to call; the timeout, retry, transport and test clocks are `TransportOptions`. */
export interface FcClientOptions extends TransportOptions {
  /** Origin of the FC API, e.g. `https://123456.cn-hangzhou.fc.aliyuncs.com` or an emulator's `http://127.0.0.1:PORT`. */
  readonly endpoint: string;
  /** The Alibaba Cloud account id, sent (and signed) as `x-fc-account-id`. */
  readonly accountId: string;
  /** Static credentials, or a function asked before every attempt (it may cache and refresh). */
  readonly credentials: CredentialsSource;
  /** Wall clock for the `Date` header. Default `new Date()`. */
  readonly now?: () => Date;
}

export interface ListAsyncInvokeConfigsRequest {
  readonly serviceName: string;
  readonly functionName: string;
  /** 1–100; the service's default is 20. */
  readonly limit?: number | undefined;
  readonly nextToken?: string | undefined;
}

export interface ListAsyncInvokeConfigsPage {
  readonly configs: AsyncInvokeConfig[];
  readonly nextToken?: string | undefined;
}

export interface StatefulAsyncInvocationRef extends AsyncInvokeConfigRef {
  /** The task id: the `X-Fc-Stateful-Async-Invocation-Id` given (or returned) at invocation. */
  readonly invocationId: string;
}

/**
 * `status`: Enqueued, Running, Succeeded, Failed, Retrying, Stopping, Stopped, Expired or Invalid; `includePayload`
 * adds each task's `invocationPayload`.
 */
export interface ListStatefulAsyncInvocationsRequest extends AsyncInvokeConfigRef, TaskListFilters {
  readonly invocationIdPrefix?: string | undefined;
}

export interface ListStatefulAsyncInvocationsPage {
  readonly invocations: StatefulAsyncInvocation[];
  readonly nextToken?: string | undefined;
}

export interface InvokeFunctionRequest extends AsyncInvokeConfigRef, InvokeOptions {
  /** Names the asynchronous task (letter or `_` first, then letters, digits, `_`, `-`; ≤128). A duplicate id is refused (409). */
  readonly statefulAsyncInvocationId?: string | undefined;
}

export interface InvokeFunctionResult extends InvokeOutcome {
  /** The task id the service assigned or echoed (`X-Fc-Stateful-Async-Invocation-Id`), when any. */
  readonly statefulAsyncInvocationId: string | undefined;
}

export class FcClient {
  readonly endpoint: string;
  readonly accountId: string;
  readonly #core: FcClientCore;

  constructor(options: FcClientOptions) {
    this.endpoint = httpEndpoint(options.endpoint, "FC").origin;
    this.accountId = options.accountId;
    this.#core = new FcClientCore(this.endpoint, options, { credentials: options.credentials, now: options.now, toApiError, address: (spec) => this.#address(spec) });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Async invoke configs

  /** Creates or replaces the config of one qualifier. Members left out of `body` keep their current values on FC. */
  async putAsyncInvokeConfig(ref: AsyncInvokeConfigRef, body: PutAsyncInvokeConfigBody, options?: CallOptions): Promise<AsyncInvokeConfig> {
    const payload = WirePutAsyncInvokeConfigBodySchema.parse(body);
    const response = await this.#call(
      { operation: "PutFunctionAsyncInvokeConfig", method: "PUT", segments: configSegments(ref), body: Buffer.from(JSON.stringify(payload)) },
      options,
    );
    return this.#parse("PutFunctionAsyncInvokeConfig", response, (json) => parseWireConfig(json, withQualifier(ref)));
  }

  /** The config of one qualifier; a `NotFoundError` (`AsyncConfigNotExists`, `ServiceNotFound`, ...) when there is none. */
  async getAsyncInvokeConfig(ref: AsyncInvokeConfigRef, options?: CallOptions): Promise<AsyncInvokeConfig> {
    const response = await this.#call({ operation: "GetFunctionAsyncInvokeConfig", method: "GET", segments: configSegments(ref) }, options);
    return this.#parse("GetFunctionAsyncInvokeConfig", response, (json) => parseWireConfig(json, withQualifier(ref)));
  }

  async deleteAsyncInvokeConfig(ref: AsyncInvokeConfigRef, options?: CallOptions): Promise<void> {
    await this.#call({ operation: "DeleteFunctionAsyncInvokeConfig", method: "DELETE", segments: configSegments(ref) }, options);
  }

  /** One page of the configs of every qualifier of a function. */
  async listAsyncInvokeConfigs(request: ListAsyncInvokeConfigsRequest, options?: CallOptions): Promise<ListAsyncInvokeConfigsPage> {
    const response = await this.#call(
      {
        operation: "ListFunctionAsyncInvokeConfigs",
        method: "GET",
        segments: ["services", checkName(request.serviceName, "serviceName"), "functions", checkName(request.functionName, "functionName"), "async-invoke-configs"],
        query: { limit: request.limit, nextToken: request.nextToken },
      },
      options,
    );
    return this.#parse("ListFunctionAsyncInvokeConfigs", response, (json) => {
      const page = WireListAsyncInvokeConfigsSchema.parse(canonicalize(json));
      const names = { serviceName: request.serviceName, functionName: request.functionName };
      return { configs: (page.configs ?? []).map((config) => parseWireConfig(config, names)), ...nextTokenOf(page.nextToken) };
    });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Inventory: what the account holds, read-only (a walk over the account follows each `nextToken`)

  async listServices(page: InventoryPageRequest = {}, options?: CallOptions): Promise<InventoryPage<ServiceItem>> {
    return this.#core.inventoryPage("ListServices", ["services"], page, "services", ServiceItemSchema, options);
  }

  /** The functions of a service at a qualifier (`LATEST` when omitted; a version holds the functions published in it). */
  async listFunctions(request: InventoryPageRequest & { serviceName: string; qualifier?: string | undefined }, options?: CallOptions): Promise<InventoryPage<FunctionItem>> {
    const qualifier = checkQualifierBy(QUALIFIER_PATTERN, request.qualifier ?? DEFAULT_QUALIFIER);
    return this.#core.inventoryPage("ListFunctions", ["services", `${checkName(request.serviceName, "serviceName")}.${qualifier}`, "functions"], request, "functions", FunctionItemSchema, options);
  }

  async listServiceVersions(request: InventoryPageRequest & { serviceName: string }, options?: CallOptions): Promise<InventoryPage<VersionItem>> {
    return this.#core.inventoryPage("ListServiceVersions", ["services", checkName(request.serviceName, "serviceName"), "versions"], request, "versions", VersionItemSchema, options);
  }

  async listAliases(request: InventoryPageRequest & { serviceName: string }, options?: CallOptions): Promise<InventoryPage<AliasItem>> {
    return this.#core.inventoryPage("ListAliases", ["services", checkName(request.serviceName, "serviceName"), "aliases"], request, "aliases", AliasItemSchema, options);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Asynchronous tasks

  async getStatefulAsyncInvocation(ref: StatefulAsyncInvocationRef, options?: CallOptions): Promise<StatefulAsyncInvocation> {
    const response = await this.#call(
      { operation: "GetStatefulAsyncInvocation", method: "GET", segments: [...functionSegments(ref), "stateful-async-invocations", checkName(ref.invocationId, "invocationId")] },
      options,
    );
    return this.#parse("GetStatefulAsyncInvocation", response, (json) => StatefulAsyncInvocationSchema.parse(canonicalize(json)));
  }

  /** One page of a function's asynchronous tasks for a qualifier. */
  async listStatefulAsyncInvocations(request: ListStatefulAsyncInvocationsRequest, options?: CallOptions): Promise<ListStatefulAsyncInvocationsPage> {
    const response = await this.#call(
      {
        operation: "ListStatefulAsyncInvocations",
        method: "GET",
        segments: [...functionSegments(request), "stateful-async-invocations"],
        query: taskListQuery(request, { invocationIdPrefix: request.invocationIdPrefix }),
      },
      options,
    );
    return this.#parse("ListStatefulAsyncInvocations", response, (json) => {
      const page = WireListStatefulAsyncInvocationsSchema.parse(canonicalize(json));
      return { invocations: page.invocations ?? [], ...nextTokenOf(page.nextToken) };
    });
  }

  /** Asks the service to stop a running or retrying task (`PUT …/stateful-async-invocations/{id}`). */
  async stopStatefulAsyncInvocation(ref: StatefulAsyncInvocationRef, options?: CallOptions): Promise<void> {
    await this.#call(
      { operation: "StopStatefulAsyncInvocation", method: "PUT", segments: [...functionSegments(ref), "stateful-async-invocations", checkName(ref.invocationId, "invocationId")] },
      options,
    );
  }

  /** Invokes a function. Never retried: a repeated POST could run the function twice. */
  async invokeFunction(request: InvokeFunctionRequest, options?: CallOptions): Promise<InvokeFunctionResult> {
    const taskId = request.statefulAsyncInvocationId === undefined ? undefined : checkName(request.statefulAsyncInvocationId, "invocationId");
    const { outcome, taskId: answered } = await this.#core.invoke(
      request,
      { segments: [...functionSegments(request), "invocations"], taskHeader: "x-fc-stateful-async-invocation-id", taskId },
      options,
    );
    return { ...outcome, statefulAsyncInvocationId: answered };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Transport

  /** FC 2.0's addressing: the version prefix and segments in the path, the resource signed unencoded (signing.ts). */
  #address(spec: RequestSpec): AddressedRequest {
    const resource = `/${API_VERSION}/${spec.segments.join("/")}`;
    return {
      path: `/${API_VERSION}/${spec.segments.map(encodeURIComponent).join("/")}${queryString(spec.query)}`,
      target: spec.segments.join("/"),
      headers: (credentials, date) =>
        signRequest({
          method: spec.method,
          resource,
          headers: { accept: "application/json", ...spec.headers },
          body: spec.body,
          contentType: spec.contentType,
          accountId: this.accountId,
          credentials,
          date,
        }),
    };
  }

  #call(spec: RequestSpec, options: CallOptions | undefined): Promise<HttpResponse> {
    return this.#core.call(spec, options);
  }

  #parse<T>(operation: string, response: HttpResponse, read: (json: unknown) => T): T {
    return this.#core.parse(operation, response, read);
  }
}

// ---------------------------------------------------------------------------------------------------------------

function withQualifier(ref: AsyncInvokeConfigRef): AsyncInvokeConfigRef {
  return { ...ref, qualifier: ref.qualifier ?? DEFAULT_QUALIFIER };
}

function functionSegments(ref: AsyncInvokeConfigRef): string[] {
  const qualifier = checkQualifierBy(QUALIFIER_PATTERN, ref.qualifier ?? DEFAULT_QUALIFIER);
  return ["services", `${checkName(ref.serviceName, "serviceName")}.${qualifier}`, "functions", checkName(ref.functionName, "functionName")];
}

function configSegments(ref: AsyncInvokeConfigRef): string[] {
  return [...functionSegments(ref), "async-invoke-config"];
}

/** FC 2.0's error body: `{ErrorCode, ErrorMessage}`; the request id comes as `x-fc-request-id`. */
function toApiError(operation: string, response: HttpResponse, secrets: readonly (string | undefined)[], nowMs: number) {
  return apiErrorFrom(operation, response, secrets, nowMs, response.headers["x-fc-request-id"], (body) => ({
    code: body["ErrorCode"] ?? body["errorCode"] ?? body["Code"] ?? body["code"],
    message: body["ErrorMessage"] ?? body["errorMessage"] ?? body["Message"] ?? body["message"],
  }));
}
