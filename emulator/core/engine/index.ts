/** The async invocation engine: queue, retries, expiry, destinations and stateful task records. */
export {
  AsyncEngine,
  DEFAULT_RETRY_SCHEDULE,
  MemoryEventStore,
  type AsyncEngineOptions,
  type AttemptOutcome,
  type AttemptRequest,
  type AttemptRunner,
  type EngineDirectory,
  type Enqueued,
  type EnqueueRequest,
  type EventStore,
  type RetrySchedule,
  type TaskScope,
} from "./engine";
export { MessageLog, parseDestination, type KeptMessage, type ParsedDestination } from "./destinations";
export * from "./model";
export { systemScheduler, VirtualClock, VIRTUAL_EPOCH, type Scheduler, type ScheduledTask, type TimerHandle } from "./scheduler";
