import type { z } from "zod";
import type { Clock } from "./clock";
import type { InvocationService } from "./engine/service";
import type { PageTokens } from "./paging/page-tokens";
import type { Store } from "./store";

/**
 * What an operation is: one row of the routing table (`operations.ts`). Adding an operation means adding
 * one row and writing its handler; the pipeline does routing, authentication, validation, counting and
 * error mapping for it.
 */

export const API_VERSIONS = ["2016-08-15", "2021-04-06"] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

/** Path parameters by name, already decoded and validated (see `routing.ts` for their schemas). */
export type PathParams = Readonly<Record<string, string>>;

/** What every handler can reach besides its request. Later parts (the async engine) add members here. */
export interface HandlerEnv {
  readonly store: Store;
  readonly clock: Clock;
  readonly region: string;
  readonly pageTokens: PageTokens;
  /** The function runtime and the async engine (InvokeFunction, stateful async invocations). */
  readonly invocations: InvocationService;
}

export interface HandlerRequest<Body, Query> {
  readonly requestId: string;
  /** The authenticated caller's account: the only account whose data the handler may touch. */
  readonly accountId: string;
  readonly apiVersion: ApiVersion;
  readonly operation: string;
  readonly params: PathParams;
  /** `services/{svc}.{q}` (2016-08-15 style) or `?qualifier=` (2021-04-06 style); undefined when neither. */
  readonly qualifier: string | undefined;
  readonly query: Query;
  readonly body: Body;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly rawBody: Buffer;
  readonly env: HandlerEnv;
}

export interface HandlerResponse {
  status: number;
  /** Serialized as JSON; omitted for 204. A Buffer is sent as it is. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Operation<Body = unknown, Query = unknown> {
  /** The cloud's action name, e.g. `PutFunctionAsyncInvokeConfig`; request counts are kept under it. */
  readonly name: string;
  readonly method: HttpMethod;
  /** Path after the version prefix, with `{param}` segments: `/services/{serviceName}/aliases/{aliasName}`. */
  readonly path: string;
  /** Whether the operation takes a qualifier (in the service segment or as `?qualifier=`). */
  readonly qualified: boolean;
  /** JSON body schema; without one the body is not parsed and the handler reads `rawBody`. */
  readonly body?: z.ZodType<Body>;
  readonly query?: z.ZodType<Query>;
  handle(request: HandlerRequest<Body, Query>): HandlerResponse | Promise<HandlerResponse>;
}

/** Ties a row's schemas to its handler's parameter types, then erases them for the table. */
export function defineOperation<Body = undefined, Query = undefined>(operation: Operation<Body, Query>): Operation {
  return operation as unknown as Operation;
}
