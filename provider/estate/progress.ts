/**
 * Progress of a walk on stderr: on a terminal, one bar redrawn in place (`[#####-----] 120/300 functions`); elsewhere
 * (CI logs, pipes) one plain line when an API's functions are found and one when they are all read.
 */
import type { EstateApi } from "./model";
import type { WalkProgress } from "./walk";

export interface ProgressStream {
  readonly isTTY?: boolean | undefined;
  write(text: string): unknown;
}

export function progressFor(stream: ProgressStream, width = 30): WalkProgress & { done(): void } {
  const found = new Map<EstateApi, number>();
  const read = new Map<EstateApi, number>();
  const sum = (m: Map<EstateApi, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  let drawn = false;
  const draw = () => {
    const total = sum(found);
    const done = sum(read);
    const filled = total === 0 ? 0 : Math.round((done / total) * width);
    stream.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} functions`);
    drawn = true;
  };
  return {
    found(api, count) {
      found.set(api, (found.get(api) ?? 0) + count);
      if (stream.isTTY) draw();
    },
    read(api, count) {
      const now = (read.get(api) ?? 0) + count;
      read.set(api, now);
      if (stream.isTTY) draw();
      else if (now === found.get(api)) stream.write(`${api}: ${now} functions read\n`);
    },
    done() {
      if (drawn) stream.write("\n");
      else if (!stream.isTTY) for (const [api, count] of found) if (count === 0) stream.write(`${api}: no functions\n`);
    },
  };
}
