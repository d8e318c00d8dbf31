import { z } from "zod";
import { VirtualClock } from "../clock";
import type { InvocationService } from "../engine/service";
import { invalidArgument } from "../errors";
import type { HandlerResponse } from "../operation";
import { parseControl } from "./parse";

/**
 * The control surface's async-engine part: what destinations received, and the engine's clock.
 *
 *   GET    /_emulator/destinations             → { destinations: [{ accountId, destination, messages: [{ messageId, body, publishedTime }] }] }
 *   DELETE /_emulator/destinations             → forget the kept messages
 *   GET    /_emulator/clock                    → { now, virtual, pendingTasks, nextDueAt }
 *   POST   /_emulator/clock/advance  { ms }    → run every engine task due within ms, then answer the clock
 *   POST   /_emulator/clock/jump     { ms }    → move time without running anything (a stalled queue)
 *   POST   /_emulator/clock/run-until-idle     → run tasks, jumping ahead, until none is left
 *
 * The clock routes work only when the emulator was started with a VirtualClock as its async scheduler:
 * real time cannot be moved, and saying so beats pretending.
 */

const msBody = z.strictObject({ ms: z.number({ error: "must be a number of milliseconds" }).int().min(0).max(400 * 24 * 3600 * 1000) });

function clockState(invocations: InvocationService) {
  const clock = invocations.clock;
  if (!(clock instanceof VirtualClock)) {
    return { now: clock.now().toISOString(), virtual: false };
  }
  const next = clock.nextDueAt();
  return { now: clock.now().toISOString(), virtual: true, pendingTasks: clock.pending(), nextDueAt: next === undefined ? null : next.toISOString() };
}

function virtualClock(invocations: InvocationService): VirtualClock {
  if (invocations.clock instanceof VirtualClock) return invocations.clock;
  throw invalidArgument("the async engine runs on real time; start the emulator with a VirtualClock (start({ asyncScheduler })) to move it");
}

/** Answers the route, or `undefined` when it is not one of these. */
export async function handleAsyncControl(invocations: InvocationService, route: string, body: Buffer): Promise<HandlerResponse | undefined> {
  switch (route) {
    case "GET /_emulator/destinations":
      return {
        status: 200,
        body: {
          destinations: invocations.engine.messages.accounts().flatMap((accountId) =>
            invocations.engine.messages.all(accountId).map(({ destination, messages }) => ({
              accountId,
              destination,
              messages: messages.map(({ messageId, body: text, publishedTime }) => ({ messageId, body: text, publishedTime })),
            })),
          ),
        },
      };
    case "DELETE /_emulator/destinations":
      invocations.engine.messages.clear();
      return { status: 204 };
    case "GET /_emulator/clock":
      return { status: 200, body: clockState(invocations) };
    case "POST /_emulator/clock/advance": {
      const clock = virtualClock(invocations);
      await clock.advance(parseControl(msBody, body).ms);
      return { status: 200, body: clockState(invocations) };
    }
    case "POST /_emulator/clock/jump": {
      const clock = virtualClock(invocations);
      clock.jump(parseControl(msBody, body).ms);
      return { status: 200, body: clockState(invocations) };
    }
    case "POST /_emulator/clock/run-until-idle": {
      await virtualClock(invocations).runUntilIdle();
      return { status: 200, body: clockState(invocations) };
    }
    default:
      return undefined;
  }
}
