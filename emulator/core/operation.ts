import type { z } from "zod";
import type { AccountRegistry, Principal } from "./accounts";
import type { Clock } from "./clock";
import type { InvocationService } from "./engine/service";
import type { PageTokens } from "./paging/page-tokens";
import type { Store } from "./store";

/**
 * What an operation is: one row of an API's operation table (`emulator/<api>/operations.ts`). Adding an
 * operation means adding one row and writing its handler; the pipeline does routing, authentication,
 * validation, counting and error mapping for it.
 */

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

/** Path parameters by name, already decoded and validated by the API's router. */
export type PathParams = Readonly<Record<string, string>>;

/** What every handler can reach besides its request. */
export interface HandlerEnv {
  readonly store: Store;
  readonly clock: Clock;
  readonly region: string;
  readonly accounts: AccountRegistry;
  readonly pageTokens: PageTokens;
  /** The function runtime and the async engine (invocations, async tasks). */
  readonly invocations: InvocationService;
}

export interface HandlerRequest<Body, Query> {
  readonly requestId: string;
  /** Who signed the request, as the API's auth scheme established it; handlers never see a signature. */
  readonly principal: Principal;
  /** `principal.accountId`: the only account whose data the handler may touch. */
  readonly accountId: string;
  /** The API version the path named (`2016-08-15`, `2023-03-30`, `v2`). */
  readonly apiVersion: string;
  readonly operation: string;
  readonly params: PathParams;
  /** The qualifier (version or alias) the request named, in whatever place its API puts it; undefined when none. */
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
  /**
   * The cloud's action name, e.g. `PutFunctionAsyncInvokeConfig`. Request counts and fault configs
   * are kept under it, so names are unique across APIs (an API other than fc2 prefixes its own: `fc3:…`).
   */
  readonly name: string;
  readonly method: HttpMethod;
  /** Path after the API's prefix, with `{param}` segments: `/services/{serviceName}/aliases/{aliasName}`. */
  readonly path: string;
  /** Whether the operation takes a qualifier (how it is sent is the API's business). */
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
