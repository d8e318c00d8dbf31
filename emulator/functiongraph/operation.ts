/**
 * FunctionGraph's handlers see an `FgRequest`: the caller as an identity with its project, the path's
 * `{function_urn}` already resolved to a `Target`, and an `FgEnv` with this API's engine and region. `fgOperation`
 * turns a row written that way into a core `Operation` for the API's settings (names prefixed `functiongraph:`, as
 * core asks of every API but fc2).
 */
import type { z } from "zod";
import type { Clock } from "../core/clock";
import { defineOperation, type HandlerEnv, type HandlerRequest, type Operation } from "../core/operation";
import type { NodeRuntime } from "../core/runtime";
import type { Store } from "../core/store";
import { FgAsyncInvocations } from "./async/invocations";
import { parseTarget, type Target } from "./lookup";

/** The region FunctionGraph URNs name when the emulator is started without `functionGraphRegion`. */
export const DEFAULT_FUNCTIONGRAPH_REGION = "cn-north-4";
export const OPERATION_PREFIX = "functiongraph:";

/** What the emulator is started with for FunctionGraph (`start({ functionGraphRegion })`). */
export interface FgSettings {
  /** The region of the emulator's FunctionGraph endpoint: every URN it takes or answers names it. */
  readonly region: string;
}

export interface FgEnv {
  readonly store: Store;
  readonly clock: Clock;
  readonly region: string;
  readonly runtime: NodeRuntime;
  readonly engine: FgAsyncInvocations;
}

export interface FgIdentityRef {
  readonly accountId: string;
  readonly projectId: string;
}

export interface FgRequest<Body, Query> {
  readonly requestId: string;
  readonly identity: FgIdentityRef;
  /** The `{function_urn}` of the path in the caller's project (absent for project-level operations). */
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
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FgOperationDef<Body, Query> {
  /** The SDK method in PascalCase, e.g. `UpdateFunctionAsyncInvokeConfig` (counted as `functiongraph:…`). */
  readonly name: string;
  readonly method: "GET" | "POST" | "PUT" | "DELETE";
  /** After `/v2/{project_id}/fgs/`, e.g. `functions/{function_urn}/async-invoke-config`. */
  readonly path: string;
  readonly body?: z.ZodType<Body>;
  readonly query?: z.ZodType<Query>;
  handle(request: FgRequest<Body, Query>): FgResponse | Promise<FgResponse>;
}

export function fgEnvOf(env: HandlerEnv, settings: FgSettings): FgEnv {
  return { store: env.store, clock: env.clock, region: settings.region, runtime: env.invocations.runtime, engine: new FgAsyncInvocations(env.invocations.engine, env.invocations.clock) };
}

/** One row of the operation table, made a core `Operation` once the API's settings are known. */
export type FgOperationRow = (settings: FgSettings) => Operation;

export function fgOperation<Body = undefined, Query = undefined>(def: FgOperationDef<Body, Query>): FgOperationRow {
  return (settings) => defineOperation<Body, Query>({
    name: `${OPERATION_PREFIX}${def.name}`,
    method: def.method,
    path: def.path,
    qualified: false,
    ...(def.body !== undefined && { body: def.body }),
    ...(def.query !== undefined && { query: def.query }),
    handle: (req: HandlerRequest<Body, Query>) => {
      const identity = { accountId: req.principal.accountId, projectId: req.principal.projectId };
      const urn = req.params["function_urn"];
      return def.handle({
        requestId: req.requestId,
        identity,
        target: urn === undefined ? undefined : parseTarget(urn, settings.region, identity.projectId),
        params: req.params,
        query: req.query,
        body: req.body,
        rawBody: req.rawBody,
        headers: req.headers,
        env: fgEnvOf(req.env, settings),
      });
    },
  });
}
