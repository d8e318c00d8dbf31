// `fc-emulator --json` (emulator/cli.ts, run from source): one line with each API's connection, so a user of the
// command line finds FunctionGraph's endpoint, project id and region, and FC 2.0's and 3.0's endpoint, account, keys
// and region, without reading an example.
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_ACCOUNT } from "../../emulator";

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGTERM");
});

async function firstLine(args: string[]): Promise<string> {
  const root = path.resolve(__dirname, "../..");
  const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(root, "emulator/cli.ts"), "--port", "0", ...args], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const line = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`fc-emulator exited with ${code} before printing`)));
  });
  lines.close();
  return line;
}

describe("fc-emulator --json", () => {
  it("prints each API's connection, FunctionGraph's region and project id included", async () => {
    const printed = JSON.parse(await firstLine(["--json", "--region", "cn-shanghai", "--functiongraph-region", "ap-southeast-1"])) as { url: string };
    const { url } = printed;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const keys = { accountId: DEFAULT_ACCOUNT.accountId, accessKeyId: DEFAULT_ACCOUNT.accessKeyId, accessKeySecret: DEFAULT_ACCOUNT.accessKeySecret };
    expect(printed).toEqual({
      url,
      region: "cn-shanghai",
      ...keys,
      dataDir: null,
      virtualTime: false,
      apis: {
        fc2: { endpoint: url, region: "cn-shanghai", ...keys },
        fc3: { endpoint: url, region: "cn-shanghai", ...keys },
        functiongraph: { endpoint: url, region: "ap-southeast-1", projectId: DEFAULT_ACCOUNT.projectId, accessKey: DEFAULT_ACCOUNT.accessKeyId, secretKey: DEFAULT_ACCOUNT.accessKeySecret },
      },
    });
  });
});
