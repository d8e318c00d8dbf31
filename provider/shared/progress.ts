/**
 * Progress lines for calls that have been retrying for a while.
 *
 * A dynamic provider runs in its own process (`pulumi-resource-pulumi-nodejs`) without a connection to the engine's
 * log service, so `pulumi.log` cannot reach the user from there. What a provider plugin writes to stderr, the engine
 * shows in the CLI output as it arrives; that is where these lines go. They name the operation, the resource and
 * the wait, never a header, a key or a body.
 */
import { isApiError } from "./errors";
import { RETRY_BUDGET_CONFIG_KEY, type RetryInfo } from "./retry";

/** Writes one line; stderr by default. */
export type ProgressSink = (line: string) => void;

export const stderrSink: ProgressSink = (line) => {
  process.stderr.write(`${line}\n`);
};

/** `PutFunctionAsyncInvokeConfig shop/orders.LATEST: still retrying after 12 s (HTTP 429 ResourceExhausted, attempt 6) ...` */
export function describeProgress(operation: string, target: string, info: RetryInfo): string {
  const why = isApiError(info.error) ? `${info.error.status === undefined ? "no response" : `HTTP ${info.error.status}`} ${info.error.code}` : "error";
  const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;
  return (
    `pulumi-async-invoke: ${operation} ${target}: still retrying after ${seconds(info.elapsedMs)} (${why}, attempt ${info.attempt}); ` +
    `next try in ${seconds(info.delayMs)}, giving up after ${seconds(info.budgetMs)} (set ${RETRY_BUDGET_CONFIG_KEY} to change)`
  );
}
