// A client that closes its connection halfway through a request body is not an internal error: the emulator logs
// nothing (it used to log "failed: Error: aborted") and keeps serving, under both FC 2.0 prefixes and FC 3.0's.
import { connect } from "node:net";
import { expect, test } from "vitest";
import { fc2For, startEmulator } from "../../kit/emulator";

/** Sends the headers and half of the declared body on a raw socket, then closes it; resolves once it is closed. */
function sendHalfAndHangUp(url: string, path: string): Promise<void> {
  const { hostname, port } = new URL(url);
  const body = JSON.stringify({ serviceName: "half-sent", description: "x".repeat(200) });
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
      socket.write(body.slice(0, body.length / 2), () => socket.destroy());
    });
    socket.once("close", () => resolve());
    socket.once("error", reject);
  });
}

test.each(["/2016-08-15/services", "/2021-04-06/services", "/2023-03-30/functions"])("a request to %s aborted mid-body is not logged as an internal error", async (path) => {
  const lines: string[] = [];
  const emulator = await startEmulator({ log: (line) => lines.push(line) });
  try {
    await sendHalfAndHangUp(emulator.url, path);
    // Still serving: a whole request right after is answered.
    expect((await fc2For(emulator).listServices({})).data["services"]).toEqual([]);
  } finally {
    await emulator.close();
  }
  expect(lines).toEqual([]);
});
