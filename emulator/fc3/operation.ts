import type { z } from "zod";
import type { Clock } from "../core/clock";
import type { AsyncEngine } from "../core/engine";
import type { PageTokens } from "../core/paging/page-tokens";
import type { NodeRuntime } from "../core/runtime";
import type { Store } from "../core/store";

/** One row of FC 3.0's operation table, and what its handler receives. */

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface Fc3Env {
  readonly store: Store;
  readonly clock: Clock;
  readonly region: string;
  readonly pageTokens: PageTokens;
  /** Runs function code: sync invocations here, async attempts through the engine. Shared with FC 2.0. */
  readonly runtime: NodeRuntime;
  /** FC 3.0's instance of the core async engine (retries, expiry, destinations, tasks). */
  readonly engine: AsyncEngine;
}

export interface Fc3Request<Body = undefined, Query = undefined> {
  readonly requestId: string;
  /** The authenticated caller's account: the only account whose data the handler may touch. */
  readonly accountId: string;
  readonly operation: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Query;
  readonly body: Body;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly rawBody: Buffer;
  readonly env: Fc3Env;
}

export interface Fc3Response {
  status: number;
  /** Serialized as JSON; omitted when undefined. A Buffer is sent as it is. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Fc3Operation<Body = unknown, Query = unknown> {
  /** The cloud's action name (`x-acs-action`); request counts are kept under it. */
  readonly name: string;
  readonly method: HttpMethod;
  /** Path after `/2023-03-30`, with `{param}` segments. */
  readonly path: string;
  readonly body?: z.ZodType<Body>;
  readonly query?: z.ZodType<Query>;
  handle(request: Fc3Request<Body, Query>): Fc3Response | Promise<Fc3Response>;
}

export function defineOperation<Body = undefined, Query = undefined>(operation: Fc3Operation<Body, Query>): Fc3Operation {
  return operation as unknown as Fc3Operation;
}

/** The query of operations that take only `?qualifier=`. */
export type QualifierQuery = { qualifier?: string | undefined };
