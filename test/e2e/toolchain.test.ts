// Proves the chain every other end-to-end test relies on: Node >= 22, the Pulumi CLI built from Go modules,
// the Node.js language host, the dynamic-provider plugin and the local file backend.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { offlineEnv, pulumi, scratchCopy, stateRoot } from "../../scripts/lib/pulumi.ts";

const fixture = path.join(__dirname, "fixtures", "trivial");

describe("toolchain", () => {
  it("previews and deploys a dynamic resource through the real CLI and a file backend", async () => {
    const cwd = scratchCopy(fixture, "trivial");
    const env = offlineEnv(path.join(cwd, ".backend"));
    const run = (args: string[]) => pulumi(args, { cwd, env });

    await run(["stack", "init", "dev"]);
    await run(["config", "set", "message", "async"]);

    const preview = JSON.parse(await run(["preview", "--json"])) as {
      steps: { op: string; urn: string }[];
      changeSummary: Record<string, number>;
    };
    expect(preview.changeSummary).toEqual({ create: 2 });
    expect(preview.steps.map((s) => [s.op, s.urn.split("::").slice(-2).join("::")])).toEqual([
      ["create", "pulumi:pulumi:Stack::trivial-dev"],
      ["create", "pulumi-nodejs:dynamic:Resource::greeting"],
    ]);

    await run(["up", "--yes", "--skip-preview"]);
    const outputs = JSON.parse(await run(["stack", "output", "--json"])) as Record<string, unknown>;
    expect(outputs).toEqual({ message: "async", length: 5 });

    const second = JSON.parse(await run(["preview", "--json"])) as { changeSummary: Record<string, number> };
    expect(second.changeSummary).toEqual({ same: 2 });
    expect(path.relative(stateRoot, cwd).startsWith("work")).toBe(true);
  }, 240_000);
});
