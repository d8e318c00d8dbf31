import { z } from "zod";

/**
 * The messages between the runtime (parent) and a function instance (the child process running
 * `child.mts`). They travel over Node's IPC channel with `serialization: "advanced"`, so payloads stay
 * binary (Uint8Array) instead of being base64-inflated.
 *
 * Messages FROM the child are parsed with zod: user code shares that process and can call
 * `process.send` itself, so nothing it sends is trusted to have our shape.
 */

/** Parent → child. */
export interface InvokeMessage {
  type: "invoke";
  requestId: string;
  /** Absolute path of the unpacked code (the cloud's `/code`). */
  codeDir: string;
  /** `file.export`, as configured on the function. */
  handler: string;
  /** `file.export` called once per instance, before the first invocation; absent or "" for none. */
  initializer?: string | undefined;
  event: Uint8Array;
  /** `json`: the child hands the handler the parsed event when it is JSON (see `FunctionSpec.eventAs`). */
  eventAs?: "bytes" | "json" | undefined;
  /** `exit`: a throw out of the handler ends the process (see `FunctionSpec.thrownErrors`). */
  thrownErrors?: "report" | "exit" | undefined;
  /** The handler's `context` as plain data, in its API's shape; the child adds `logger`. */
  context: Readonly<Record<string, unknown>>;
}

/** The body a function error answers with (FC's Node.js runtime shape): `{errorMessage, errorType, stackTrace}`. */
export const functionErrorBodySchema = z.object({
  errorMessage: z.string(),
  errorType: z.string().optional(),
  stackTrace: z.array(z.string()).optional(),
});
export type FunctionErrorBody = z.infer<typeof functionErrorBodySchema>;

const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, "expected bytes");

/** Child → parent. */
export const childMessageSchema = z.discriminatedUnion("type", [
  /** The instance is up and can take invocations. */
  z.object({ type: z.literal("ready") }),
  /** The handler is about to be loaded and called: the function's timeout starts here. */
  z.object({ type: z.literal("started"), requestId: z.string(), rssBytes: z.number() }),
  z.object({
    type: z.literal("result"),
    requestId: z.string(),
    payload: bytes,
    logs: z.string(),
    rssBytes: z.number(),
  }),
  z.object({
    type: z.literal("error"),
    requestId: z.string(),
    /**
     * `handled`: the handler passed an error to its callback (FC: HandledInvocationError).
     * `unhandled`: it threw, its promise rejected, or its module failed to load (UnhandledInvocationError).
     */
    handling: z.enum(["handled", "unhandled"]),
    body: functionErrorBodySchema,
    logs: z.string(),
    rssBytes: z.number(),
  }),
]);
export type ChildMessage = z.infer<typeof childMessageSchema>;
