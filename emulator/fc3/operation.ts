import type { HandlerRequest, HandlerResponse } from "../core/operation";

/** What an FC 3.0 handler receives and answers: the core's request and response (`core/operation.ts`). */

export type Fc3Request<Body = undefined, Query = undefined> = HandlerRequest<Body, Query>;
export type Fc3Response = HandlerResponse;

/** The query of operations that take only `?qualifier=`. */
export type QualifierQuery = { qualifier?: string | undefined };
