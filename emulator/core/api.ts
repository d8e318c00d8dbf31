import type { AccountRegistry, Principal } from "./accounts";
import type { EngineApi, EngineDeps } from "./engine/ports";
import type { ApiInventory } from "./control/inventory";
import type { ApiError, CoreProblem } from "./errors";
import type { HandlerResponse, Operation } from "./operation";
import type { TableSchemas } from "./store/tables";

/**
 * What one cloud API is to the emulator: the contract between `core/` and an API folder
 * (`emulator/fc2/`, `emulator/fc3/`, `emulator/functiongraph/`). Each folder exports one `ApiModule`
 * from its `index.ts`; `emulator/index.ts` registers them in order, the first being the default that
 * answers requests no API owns and the control surface's errors. Core never imports an API folder.
 *
 * The pipeline (`pipeline.ts`) takes a request through these members in this order:
 *
 *   owns(path) → route → count → faults → authenticate → validate → operation.handle → store durable → send
 *
 * and words every error with the owning API's `error` and `renderError`, under its `requestIdHeader`.
 */

// What an API's `EngineApi` is built from lives beside `EngineApi` (engine/ports.ts), so that the engine needs
// nothing of this file; API folders keep importing it from here.
export type { EngineDeps } from "./engine/ports";

/** A request as the pipeline read it: what `route`, `authenticate` and `validate` see. */
export interface IncomingApiRequest {
  readonly method: string;
  /** The path as received, still percent-encoded, without the query. */
  readonly rawPath: string;
  readonly query: URLSearchParams;
  /** Lower-cased names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The body's bytes exactly as received. */
  readonly body: Buffer;
}

export interface RouteMatch {
  operation: Operation;
  /** The API version the path named. */
  apiVersion: string;
  /** Decoded path parameters, not yet validated (see `ApiModule.validate`). */
  params: Record<string, string>;
  qualifier: string | undefined;
}

/** What validation hands the handler. */
export interface ValidatedRequest {
  params: Record<string, string>;
  qualifier: string | undefined;
  query: unknown;
  body: unknown;
}

export interface AuthContext {
  /** Every account's keys (long-term and STS), shared by all APIs. */
  readonly accounts: AccountRegistry;
  /** The emulator's clock: signed timestamps are checked against it. */
  readonly now: Date;
}

/** An authenticated caller, or the API's own refusal (already in its catalogue's words). */
export type AuthOutcome = { ok: true; principal: Principal } | { ok: false; error: ApiError };

export interface ApiModule {
  /** The folder's name: `fc2`, `fc3`, `functiongraph`. Errors carry it (`ApiError.api`). */
  readonly name: string;
  /** The response header every answer of this API carries its request id in, lower-case: `x-fc-request-id`. */
  readonly requestIdHeader: string;
  /** A fresh request id in the API's format; a UUID when absent. */
  newRequestId?(): string;
  /** Whether a request path is this API's (its version prefix, say). Checked in registration order. */
  owns(rawPath: string): boolean;
  /** Every operation, for request counts and the fault injector's `operations` list. */
  readonly operations: readonly Operation[];
  /** Which operation the request is; throws the API's PathNotSupported (an `ApiError`) when none. */
  route(request: IncomingApiRequest): RouteMatch;
  /** Who signed the request. Handlers never see a signature: this is the only member that reads one. */
  authenticate(request: IncomingApiRequest, context: AuthContext): AuthOutcome;
  /** Path parameters, qualifier, query and body checked against the operation's schemas; throws the API's InvalidArgument. */
  validate(match: RouteMatch, request: IncomingApiRequest): ValidatedRequest;
  /** A problem core found, in this API's catalogue (with `headers` added to the response). */
  error(problem: CoreProblem, headers?: Record<string, string>): ApiError;
  /** An error of this API as its wire response: status, body, extra headers (the request id header is added by the pipeline). */
  renderError(error: ApiError, requestId: string, rawPath: string): HandlerResponse;
  /** The store tables this API keeps (see `core/store/tables.ts`). */
  readonly tables: TableSchemas;
  /**
   * The API's side of the async engine (`core/engine/ports.ts`): its policies, how its functions run,
   * task ids and destination records. Absent for an API without async invocation.
   */
  engine?(deps: EngineDeps): EngineApi;
  /**
   * What the emulator's dashboard (`/_emulator/ui`, `core/control/dashboard.ts`) lists of this API: its functions by
   * function key, their qualifiers and async invoke configs (`core/control/inventory.ts`). Absent: the API is
   * listed with no functions.
   */
  readonly inventory?: ApiInventory;
}

/** The registered APIs, in order; the first is the default. */
export class ApiRegistry {
  readonly modules: readonly ApiModule[];

  constructor(modules: readonly ApiModule[]) {
    const first = modules[0];
    if (first === undefined) throw new Error("the emulator needs at least one API");
    const names = new Set<string>();
    const operations = new Map<string, string>();
    for (const module of modules) {
      if (names.has(module.name)) throw new Error(`API '${module.name}' is registered twice`);
      names.add(module.name);
      for (const operation of module.operations) {
        const other = operations.get(operation.name);
        if (other !== undefined) {
          throw new Error(`APIs '${other}' and '${module.name}' both name an operation '${operation.name}': prefix one (see CONTRIBUTING.md)`);
        }
        operations.set(operation.name, module.name);
      }
    }
    this.modules = modules;
    this.operationNames = new Set(operations.keys());
  }

  /** Every operation name of every API: what request counts and faults may name. */
  readonly operationNames: ReadonlySet<string>;

  get fallback(): ApiModule {
    return this.modules[0] as ApiModule;
  }

  /** The API that owns a path, or the default one (which answers it PathNotSupported). */
  owner(rawPath: string): ApiModule {
    return this.modules.find((module) => module.owns(rawPath)) ?? this.fallback;
  }

  byName(name: string): ApiModule | undefined {
    return this.modules.find((module) => module.name === name);
  }
}
