/** The async invocation engine: queue, retries, expiry, destinations and task records, for every API. */
export { AsyncEngine, TaskExistsError, type AsyncEngineOptions, type Enqueued, type EnqueueRequest } from "./engine";
export { resolves, runAttempt } from "./attempt";
export { MessageLog, type KeptMessage } from "./messages";
export * from "./model";
export { MemoryEventStore, type AttemptOutcome, type AttemptRequest, type EngineApi, type EventStore } from "./ports";
export { DEFAULT_RETRY_SCHEDULE, type RetrySchedule } from "./retry";
