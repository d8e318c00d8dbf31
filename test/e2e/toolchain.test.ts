// Proves the chain every other end-to-end test relies on: Node >= 22, the Pulumi CLI built from Go modules,
// the Node.js language host, the dynamic-provider plugin and the local file backend.
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { E2E_TEST_TIMEOUT_MS, offlineEnv, pulumi, scratchCopy, stateRoot } from "../../scripts/lib/pulumi.ts";

// Steps and hooks run real `pulumi` commands; each command has its own timeout (STEP_TIMEOUT_MS) that kills it
// and unlocks the stack, so a slow step on a loaded machine fails alone instead of locking the stack for the next.
vi.setConfig({ testTimeout: E2E_TEST_TIMEOUT_MS, hookTimeout: E2E_TEST_TIMEOUT_MS });

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
  });
});
