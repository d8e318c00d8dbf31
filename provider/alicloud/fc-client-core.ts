// What the Function Compute 2.0 and 3.0 clients do alike once a request is addressed: the transport set-up (the
// service's error body aside), credentials asked anew before every attempt and kept out of every message, the
// parse of a JSON body, an inventory page, a task listing's filters and an invocation. Each client keeps only its
// own addressing and signing (`address`).
import type { z } from "zod";
import type { HttpResponse } from "../shared/http";
import type { InventoryPage } from "../shared/inventory";
import { payloadBytes, Transport, type CallOptions, type ServiceProfile, type TransportOptions } from "../shared/transport";
import type { SigningCredentials } from "./credentials";
import { tokenPage, type InventoryPageRequest } from "./fc-inventory";
import { invokeOutcome, type InvokeOptions, type InvokeOutcome, type RequestSpec, type TaskListFilters } from "./fc-requests";

export type CredentialsSource = SigningCredentials | (() => Promise<SigningCredentials>);

/** One request as a client addresses it: the encoded path and query, what progress lines name, the signed headers. */
export interface AddressedRequest {
  readonly path: string;
  readonly target: string;
  /** The headers of one attempt, signed with that attempt's credentials at `date`. */
  readonly headers: (credentials: SigningCredentials, date: Date) => Readonly<Record<string, string>>;
}

/** What a client tells the core besides the transport options. */
export interface FcClientProfile {
  readonly credentials: CredentialsSource;
  /** Wall clock for the signed date. Default `new Date()`. */
  readonly now?: (() => Date) | undefined;
  /** The API's error body as an `ApiError`. */
  readonly toApiError: ServiceProfile["toApiError"];
  /** The API's path, query and signature of `spec`. */
  readonly address: (spec: RequestSpec) => AddressedRequest;
}

/** Where an invocation goes, and the header naming its task. */
export interface InvokeTarget {
  readonly segments: readonly string[];
  readonly query?: RequestSpec["query"];
  /** The header that carries the task id, both ways. */
  readonly taskHeader: string;
  /** The task id asked for, already checked. */
  readonly taskId: string | undefined;
}

export class FcClientCore {
  readonly #credentials: CredentialsSource;
  readonly #now: () => Date;
  readonly #address: (spec: RequestSpec) => AddressedRequest;
  readonly #transport: Transport;

  constructor(origin: string, options: TransportOptions, profile: FcClientProfile) {
    this.#credentials = profile.credentials;
    this.#now = profile.now ?? (() => new Date());
    this.#address = profile.address;
    this.#transport = new Transport(origin, options, {
      wallNow: () => this.#now().getTime(),
      toApiError: profile.toApiError,
      answeredBy: "the service",
      requestIdHeader: "x-fc-request-id",
    });
  }

  /** Sends `spec`, signed anew before each attempt with the credentials asked for then. */
  call(spec: RequestSpec, options: CallOptions | undefined): Promise<HttpResponse> {
    const addressed = this.#address(spec);
    return this.#transport.call(
      {
        operation: spec.operation,
        method: spec.method,
        path: addressed.path,
        target: addressed.target,
        body: spec.body,
        sign: async () => {
          const credentials = typeof this.#credentials === "function" ? await this.#credentials() : this.#credentials;
          const headers = addressed.headers(credentials, this.#now());
          return { headers, secrets: [credentials.accessKeySecret, credentials.securityToken] };
        },
      },
      options,
    );
  }

  parse<T>(operation: string, response: HttpResponse, read: (json: unknown) => T): T {
    return this.#transport.parse(operation, response, read);
  }

  /** One page of an inventory listing: `GET segments?limit&nextToken`, the items under `key`. */
  async inventoryPage<T>(operation: string, segments: readonly string[], page: InventoryPageRequest, key: string, item: z.ZodType<T>, options: CallOptions | undefined): Promise<InventoryPage<T>> {
    const response = await this.call({ operation, method: "GET", segments, query: { limit: page.limit, nextToken: page.nextToken } }, options);
    return this.parse(operation, response, (json) => tokenPage(json, key, item));
  }

  /** Invokes a function (never retried: a repeated POST could run it twice); the outcome and the task id answered. */
  async invoke(request: InvokeOptions, target: InvokeTarget, options: CallOptions | undefined): Promise<{ outcome: InvokeOutcome; taskId: string | undefined }> {
    const headers: Record<string, string> = { "x-fc-invocation-type": request.invocationType ?? "Sync" };
    if (target.taskId !== undefined) headers[target.taskHeader] = target.taskId;
    const payload = payloadBytes(request.payload);
    const response = await this.call(
      {
        operation: "InvokeFunction",
        method: "POST",
        segments: target.segments,
        ...(target.query && { query: target.query }),
        body: payload,
        contentType: "application/octet-stream",
        headers,
      },
      options,
    );
    return { outcome: invokeOutcome(response), taskId: response.headers[target.taskHeader] };
  }
}

/** A task listing's query: paging and filters in the order the API documents them, the API's own `extra` after `status`. */
export function taskListQuery(request: TaskListFilters, extra: Readonly<Record<string, string | undefined>>): NonNullable<RequestSpec["query"]> {
  return {
    limit: request.limit,
    nextToken: request.nextToken,
    status: request.status,
    ...extra,
    startedTimeBegin: request.startedTimeBegin,
    startedTimeEnd: request.startedTimeEnd,
    sortOrderByTime: request.sortOrderByTime,
    includePayload: request.includePayload,
  };
}

/** `{ nextToken }` when a page has a next one, else nothing: a last page carries no token member. */
export function nextTokenOf(token: string | null | undefined): { nextToken?: string } {
  return token ? { nextToken: token } : {};
}
