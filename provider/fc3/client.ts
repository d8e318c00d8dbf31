/**
 * A small Function Compute 3.0 (2023-03-30) client for async invocation: configs, async tasks and invocations.
 *
 * The qualifier always travels as `?qualifier=` and is always written out, `LATEST` included, so a request names
 * exactly one config. Requests are signed with ACS3-HMAC-SHA256 (signing.ts) with credentials fetched per attempt.
 * Idempotent calls (GET/PUT/DELETE) are retried on 408/429/5xx and network failures under `shared/retry.ts`'s time
 * budget; POST (invoke) never is. Failures are `ApiError`s carrying FC's `Code`, the request id, the status and
 * the operation, with credential values redacted.
 */
import { API_VERSION, DEFAULT_QUALIFIER, NAME_PATTERN, QUALIFIER_PATTERN, TASK_ID_PATTERN } from "../../contracts/fc3";
import { canonicalize } from "../shared/diff";
import type { HttpResponse } from "../shared/http";
import { apiErrorFrom, httpEndpoint, type CallOptions, type TransportOptions } from "../shared/transport";
import { FcClientCore, nextTokenOf, taskListQuery, type AddressedRequest } from "../alicloud/fc-client-core";
import {
  AsyncTaskSchema,
  WireListConfigsSchema,
  WireListTasksSchema,
  WirePutBodySchema,
  parseListedConfig,
  parseWireConfig,
  type AsyncInvokeConfig,
  type AsyncTask,
  type ConfigAddress,
  type ConfigRef,
  type PutBody,
} from "./schema";
import { checkName as checkNameBy, checkQualifier as checkQualifierBy, type InvokeOptions, type InvokeOutcome, type RequestSpec, type TaskListFilters } from "../alicloud/fc-requests";
import type { InventoryPage } from "../shared/inventory";
import { AliasItemSchema, FunctionItemSchema, VersionItemSchema, type AliasItem, type FunctionItem, type InventoryPageRequest, type VersionItem } from "../alicloud/fc-inventory";
import { signRequest, wirePath, type SigningCredentials } from "./signing";

const checkName = (name: string, what: string): string => checkNameBy(NAME_PATTERN, name, what);
const checkQualifier = (qualifier: string): string => checkQualifierBy(QUALIFIER_PATTERN, qualifier);

export { DEFAULT_TIMEOUT_MS, type CallOptions } from "../shared/transport";

export type CredentialsSource = SigningCredentials | (() => Promise<SigningCredentials>);

/** Where and as whom to call; the timeout, retry, transport and test clocks are `TransportOptions`. */
export interface Fc3ClientOptions extends TransportOptions {
  /** Origin of the API, e.g. `https://123456.cn-hangzhou.fc.aliyuncs.com` or an emulator's `http://127.0.0.1:PORT`. */
  readonly endpoint: string;
  readonly credentials: CredentialsSource;
  readonly now?: () => Date;
}

export interface ListConfigsRequest {
  /** Only this function's configs; omitted: every function of the account. */
  readonly functionName?: string | undefined;
  /** 1–100; the service's default is 20. */
  readonly limit?: number | undefined;
  readonly nextToken?: string | undefined;
}

export interface ListConfigsPage {
  readonly configs: AsyncInvokeConfig[];
  readonly nextToken?: string | undefined;
}

export interface TaskRef extends ConfigRef {
  /** The task id: the `x-fc-async-task-id` given (or returned) at invocation. */
  readonly taskId: string;
}

/**
 * `status`: Enqueued, Dequeued, Running, Succeeded, Failed, Stopped, Stopping, Expired, Invalid or Retrying;
 * `includePayload` adds each task's `taskPayload` and `returnPayload`.
 */
export interface ListTasksRequest extends TaskListFilters {
  readonly functionName: string;
  /** Only tasks of this qualifier; omitted: every qualifier. */
  readonly qualifier?: string | undefined;
  /** Only task ids starting with this. */
  readonly prefix?: string | undefined;
}

export interface ListTasksPage {
  readonly tasks: AsyncTask[];
  readonly nextToken?: string | undefined;
}

export interface InvokeRequest extends ConfigRef, InvokeOptions {
  /** Names the async task (letter or `_` first, then letters, digits, `_`, `-`; ≤128). */
  readonly asyncTaskId?: string | undefined;
}

export interface InvokeResult extends InvokeOutcome {
  /** The task id the service echoed (`x-fc-async-task-id`), when the invocation is a task. */
  readonly asyncTaskId: string | undefined;
}

export class Fc3Client {
  readonly endpoint: string;
  readonly #host: string;
  readonly #core: FcClientCore;

  constructor(options: Fc3ClientOptions) {
    const url = httpEndpoint(options.endpoint, "FC");
    this.endpoint = url.origin;
    this.#host = url.host;
    this.#core = new FcClientCore(this.endpoint, options, { credentials: options.credentials, now: options.now, toApiError, address: (spec) => this.#address(spec) });
  }

  // ---- async invoke configs

  /** Creates or updates one qualifier's config. Members left out keep their values on FC (the service merges). */
  async putAsyncInvokeConfig(ref: ConfigRef, body: PutBody, options?: CallOptions): Promise<AsyncInvokeConfig> {
    const address = settle(ref);
    const payload = WirePutBodySchema.parse(body);
    const response = await this.#call(
      { operation: "PutAsyncInvokeConfig", method: "PUT", segments: configSegments(address), query: { qualifier: address.qualifier }, body: Buffer.from(JSON.stringify(payload)) },
      options,
    );
    return this.#parse("PutAsyncInvokeConfig", response, (json) => parseWireConfig(json, address));
  }

  /** One qualifier's config; a `NotFoundError` (`AsyncConfigNotExists`, `FunctionNotFound`, …) when there is none. */
  async getAsyncInvokeConfig(ref: ConfigRef, options?: CallOptions): Promise<AsyncInvokeConfig> {
    const address = settle(ref);
    const response = await this.#call({ operation: "GetAsyncInvokeConfig", method: "GET", segments: configSegments(address), query: { qualifier: address.qualifier } }, options);
    return this.#parse("GetAsyncInvokeConfig", response, (json) => parseWireConfig(json, address));
  }

  async deleteAsyncInvokeConfig(ref: ConfigRef, options?: CallOptions): Promise<void> {
    const address = settle(ref);
    await this.#call({ operation: "DeleteAsyncInvokeConfig", method: "DELETE", segments: configSegments(address), query: { qualifier: address.qualifier } }, options);
  }

  /** One page of configs: of one function, or of the whole account. */
  async listAsyncInvokeConfigs(request: ListConfigsRequest, options?: CallOptions): Promise<ListConfigsPage> {
    const response = await this.#call(
      {
        operation: "ListAsyncInvokeConfigs",
        method: "GET",
        segments: ["async-invoke-configs"],
        query: { functionName: request.functionName === undefined ? undefined : checkName(request.functionName, "functionName"), limit: request.limit, nextToken: request.nextToken },
      },
      options,
    );
    return this.#parse("ListAsyncInvokeConfigs", response, (json) => {
      const page = WireListConfigsSchema.parse(canonicalize(json));
      return { configs: (page.configs ?? []).map(parseListedConfig), ...nextTokenOf(page.nextToken) };
    });
  }

  // ---- async tasks

  async getAsyncTask(ref: TaskRef, options?: CallOptions): Promise<AsyncTask> {
    const response = await this.#call(
      { operation: "GetAsyncTask", method: "GET", segments: taskSegments(ref), query: { qualifier: ref.qualifier === undefined ? undefined : checkQualifier(ref.qualifier) } },
      options,
    );
    return this.#parse("GetAsyncTask", response, (json) => AsyncTaskSchema.parse(canonicalize(json)));
  }

  async listAsyncTasks(request: ListTasksRequest, options?: CallOptions): Promise<ListTasksPage> {
    const response = await this.#call(
      {
        operation: "ListAsyncTasks",
        method: "GET",
        segments: ["functions", checkName(request.functionName, "functionName"), "async-tasks"],
        query: { qualifier: request.qualifier === undefined ? undefined : checkQualifier(request.qualifier), ...taskListQuery(request, { prefix: request.prefix }) },
      },
      options,
    );
    return this.#parse("ListAsyncTasks", response, (json) => {
      const page = WireListTasksSchema.parse(canonicalize(json));
      return { tasks: page.tasks ?? [], ...nextTokenOf(page.nextToken) };
    });
  }

  /** Asks the service to stop a task (`PUT …/async-tasks/{taskId}/stop`); a task that already ended stays as it is. */
  async stopAsyncTask(ref: TaskRef, options?: CallOptions): Promise<void> {
    await this.#call(
      { operation: "StopAsyncTask", method: "PUT", segments: [...taskSegments(ref), "stop"], query: { qualifier: ref.qualifier === undefined ? undefined : checkQualifier(ref.qualifier) } },
      options,
    );
  }

  /** Invokes a function. Never retried: a repeated POST could run it twice. */
  async invokeFunction(request: InvokeRequest, options?: CallOptions): Promise<InvokeResult> {
    const address = settle(request);
    const taskId = request.asyncTaskId === undefined ? undefined : checkNameBy(TASK_ID_PATTERN, request.asyncTaskId, "asyncTaskId");
    const { outcome, taskId: answered } = await this.#core.invoke(
      request,
      { segments: ["functions", address.functionName, "invocations"], query: { qualifier: address.qualifier }, taskHeader: "x-fc-async-task-id", taskId },
      options,
    );
    return { ...outcome, asyncTaskId: answered };
  }

  // ---- inventory: what the account holds, read-only (a walk over the account follows each `nextToken`)

  async listFunctions(page: InventoryPageRequest = {}, options?: CallOptions): Promise<InventoryPage<FunctionItem>> {
    return this.#core.inventoryPage("ListFunctions", ["functions"], page, "functions", FunctionItemSchema, options);
  }

  async listFunctionVersions(request: InventoryPageRequest & { functionName: string }, options?: CallOptions): Promise<InventoryPage<VersionItem>> {
    return this.#core.inventoryPage("ListFunctionVersions", ["functions", checkName(request.functionName, "functionName"), "versions"], request, "versions", VersionItemSchema, options);
  }

  async listAliases(request: InventoryPageRequest & { functionName: string }, options?: CallOptions): Promise<InventoryPage<AliasItem>> {
    return this.#core.inventoryPage("ListAliases", ["functions", checkName(request.functionName, "functionName"), "aliases"], request, "aliases", AliasItemSchema, options);
  }

  // ---- transport

  /** FC 3.0's addressing: the version first in the path, the query spaces as `%20`, ACS3 signing (signing.ts). */
  #address(spec: RequestSpec): AddressedRequest {
    const segments = [API_VERSION, ...spec.segments];
    const query: Record<string, string> = {};
    for (const [key, value] of Object.entries(spec.query ?? {})) if (value !== undefined) query[key] = String(value);
    const search = new URLSearchParams(query);
    const queryText = Object.keys(query).length === 0 ? "" : `?${search.toString().replace(/\+/g, "%20")}`;
    const signedPath = wirePath(segments);
    return {
      path: `${signedPath}${queryText}`,
      target: segments.join("/"),
      headers: (credentials, date) => {
        const { host: _host, ...headers } = signRequest({
          method: spec.method,
          path: signedPath,
          query: search,
          host: this.#host,
          action: spec.operation,
          version: API_VERSION,
          body: spec.body,
          contentType: spec.contentType,
          headers: { accept: "application/json", ...spec.headers },
          credentials,
          date,
        });
        // undici sets `host` itself from the origin; the signed value is the same.
        return headers;
      },
    };
  }

  #call(spec: RequestSpec, options: CallOptions | undefined): Promise<HttpResponse> {
    return this.#core.call(spec, options);
  }

  #parse<T>(operation: string, response: HttpResponse, read: (json: unknown) => T): T {
    return this.#core.parse(operation, response, read);
  }
}

function settle(ref: ConfigRef): ConfigAddress {
  return { functionName: checkName(ref.functionName, "functionName"), qualifier: checkQualifier(ref.qualifier ?? DEFAULT_QUALIFIER) };
}

function configSegments(ref: ConfigAddress): string[] {
  return ["functions", ref.functionName, "async-invoke-config"];
}

function taskSegments(ref: TaskRef): string[] {
  return ["functions", checkName(ref.functionName, "functionName"), "async-tasks", checkNameBy(TASK_ID_PATTERN, ref.taskId, "taskId")];
}

/** FC 3.0's error body: `{Code, Message, RequestId}`; the request id also comes as `x-fc-request-id`. */
function toApiError(operation: string, response: HttpResponse, secrets: readonly (string | undefined)[], nowMs: number) {
  return apiErrorFrom(operation, response, secrets, nowMs, response.headers["x-fc-request-id"] ?? response.headers["x-acs-request-id"], (body) => ({
    code: body["Code"] ?? body["code"] ?? body["ErrorCode"],
    message: body["Message"] ?? body["message"] ?? body["ErrorMessage"],
    requestId: body["RequestId"] ?? body["requestId"],
  }));
}
