import type { z } from "zod";
import type { Clock } from "../core/clock";
import type { NodeRuntime } from "../core/runtime";
import type { Store } from "../core/store";
import type { FgIdentity } from "./auth";
import type { FgEngine } from "./engine";
import type { Target } from "./lookup";

/** What every FunctionGraph handler can reach besides its request. */
export interface FgEnv {
  readonly store: Store;
  readonly clock: Clock;
  readonly region: string;
  readonly runtime: NodeRuntime;
  readonly engine: FgEngine;
}

export interface FgRequest<Body, Query> {
  readonly requestId: string;
  readonly identity: FgIdentity;
  /** The `{function_urn}` of the path, resolved in the caller's project (absent for project-level operations). */
  readonly target: Target | undefined;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Query;
  readonly body: Body;
  readonly rawBody: Buffer;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly env: FgEnv;
}

export interface FgResponse {
  status: number;
  /** JSON; `undefined` sends no body (204). */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FgOperation<Body = unknown, Query = unknown> {
  /** The SDK method's name in PascalCase, e.g. `UpdateFunctionAsyncInvokeConfig`; request counts use it. */
  readonly name: string;
  readonly method: "GET" | "POST" | "PUT" | "DELETE";
  /** After `/v2/{project_id}/fgs/`, with `{param}` segments, e.g. `functions/{function_urn}/async-invoke-config`. */
  readonly path: string;
  readonly body?: z.ZodType<Body>;
  readonly query?: z.ZodType<Query>;
  handle(request: FgRequest<Body, Query>): FgResponse | Promise<FgResponse>;
}

export function defineOperation<Body = undefined, Query = undefined>(operation: FgOperation<Body, Query>): FgOperation {
  return operation as unknown as FgOperation;
}
