// With a data directory, every acknowledged write survives a restart and a kill -9 of the CLI process;
// the journal's torn tail (a write a crash cut short, never acknowledged) is dropped, real damage is not.
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, test } from "vitest";
import { DEFAULT_ACCOUNT, emulatorTables, start } from "../../../../emulator";
import { FileStore } from "../../../../emulator/core/store";
import { $FcOpen, failure, fc2For, fcOpenFor, nodeFunction, startEmulator } from "../../../support/emulator";

const dirs: string[] = [];
const children: ChildProcess[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fc-emulator-data-"));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("restart with the same data directory", () => {
  test("services, functions, versions, aliases and configs are all there, twice over", async () => {
    const dataDir = tempDir();
    const first = await startEmulator({ dataDir });
    const fc2 = fc2For(first);
    await fc2.createService("svc", { description: "kept" });
    await fc2.createFunction("svc", nodeFunction("fn"));
    await fc2.publishVersion("svc", "v1");
    await fc2.createAlias("svc", "prod", "1");
    await fc2.putFunctionAsyncConfig("svc", "fn", "prod", { maxAsyncRetryAttempts: 0, statefulInvocation: true });
    const before = (await fc2.getFunctionAsyncConfig("svc", "fn", "prod")).data;
    await first.close();

    for (let restart = 0; restart < 2; restart++) {
      const again = await startEmulator({ dataDir });
      try {
        const open = fcOpenFor(again);
        expect((await open.getService("svc", new $FcOpen.GetServiceRequest({}))).body.description).toBe("kept");
        expect((await open.getAlias("svc", "prod")).body.versionId).toBe("1");
        expect((await fc2For(again).getFunctionAsyncConfig("svc", "fn", "prod")).data).toEqual(before);
        expect((await fc2For(again).getFunction("svc", "fn", {}, "1")).data["codeChecksum"]).toBe(
          (await fc2For(again).getFunction("svc", "fn")).data["codeChecksum"],
        );
      } finally {
        await again.close();
      }
    }
  });

  test("a deletion is durable too, and reset empties the directory's state", async () => {
    const dataDir = tempDir();
    const first = await startEmulator({ dataDir });
    await fc2For(first).createService("gone");
    await fc2For(first).createService("stays");
    await fc2For(first).deleteService("gone");
    await first.close();
    const second = await startEmulator({ dataDir });
    expect((await failure(fc2For(second).getService("gone"))).code).toBe("ServiceNotFound");
    expect((await fc2For(second).getService("stays")).data["serviceName"]).toBe("stays");
    await second.control.reset();
    await second.close();
    const third = await startEmulator({ dataDir });
    expect((await fc2For(third).listServices()).data).toEqual({ services: [], nextToken: "" });
    await third.close();
  });

  test("a second emulator on a directory in use is refused", async () => {
    const dataDir = tempDir();
    const first = await startEmulator({ dataDir });
    try {
      await expect(start({ port: 0, dataDir })).rejects.toThrow(`data directory ${dataDir} is in use by process ${process.pid}`);
    } finally {
      await first.close();
    }
  });
});

/** Starts `fc-emulator --data dir --json` from source and reads the endpoint it prints. */
async function startCli(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const cli = path.resolve(__dirname, "../../../../emulator/cli.ts");
  const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", cli, "--port", "0", "--data", dataDir, "--json"], {
    cwd: path.resolve(__dirname, "../../../.."),
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`fc-emulator exited with ${code} before printing its endpoint`)));
  });
  lines.close();
  return { child, url: (JSON.parse(first) as { url: string }).url };
}

describe("kill -9", () => {
  test("every write acknowledged before the kill is there after a restart", async () => {
    const dataDir = tempDir();
    const { child, url } = await startCli(dataDir);
    const fc2 = fc2For({ url, region: "cn-hangzhou", credentials: DEFAULT_ACCOUNT });
    await fc2.createService("svc");
    await fc2.createFunction("svc", nodeFunction("fn"));

    // Eight writers keep a write in flight each; the 30th acknowledgement kills the process, so the
    // others' writes are cut off mid-way: only what was acknowledged is promised to survive.
    const acknowledged: string[] = [];
    let attempted = 0;
    const writer = async (w: number) => {
      for (let n = 0; ; n++) {
        const name = `w${w}-${n}`;
        attempted++;
        try {
          await fc2.createService(name);
        } catch {
          return;
        }
        acknowledged.push(name);
        if (acknowledged.length === 30) child.kill("SIGKILL");
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));
    await new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));
    expect(child.signalCode).toBe("SIGKILL");
    expect(attempted).toBeGreaterThan(acknowledged.length);

    const restarted = await startEmulator({ dataDir });
    try {
      const names = new Set<string>();
      let nextToken: string | undefined;
      do {
        const page = await fc2For(restarted).listServices({ limit: "100", ...(nextToken && { nextToken }) });
        for (const s of page.data["services"] as Array<{ serviceName: string }>) names.add(s.serviceName);
        nextToken = page.data["nextToken"] as string | undefined;
      } while (nextToken);
      expect(acknowledged.length).toBeGreaterThanOrEqual(30);
      for (const name of ["svc", ...acknowledged]) expect(names.has(name), `${name} was acknowledged`).toBe(true);
      expect((await fc2For(restarted).getFunction("svc", "fn")).data["functionName"]).toBe("fn");
    } finally {
      await restarted.close();
    }
  }, 60_000);
});

describe("compaction", () => {
  test("a long journal is folded into the snapshot and the next generation starts empty, losing nothing", async () => {
    const dataDir = tempDir();
    const store = new FileStore(dataDir, { tables: emulatorTables(), compactAfterLines: 3 });
    const generation = () => (JSON.parse(fs.readFileSync(path.join(dataDir, "snapshot.json"), "utf8")) as { generation: number }).generation;
    const atOpen = generation();
    for (let i = 1; i <= 7; i++) {
      store.transact("1", (tx) => tx.put("versions", ["svc", String(i)], { versionId: String(i), description: "", createdTime: "t", lastModifiedTime: "t" }));
      await store.durable();
    }
    expect(generation()).toBe(atOpen + 2);
    expect(fs.readdirSync(dataDir).filter((n) => n.startsWith("journal-"))).toEqual([`journal-${atOpen + 2}.ndjson`]);
    await store.close();
    const reopened = new FileStore(dataDir, { tables: emulatorTables() });
    expect(reopened.reader("1").list("versions", ["svc"]).map((r) => r.value.versionId)).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    await reopened.close();
  });
});

describe("the CLI", () => {
  test("SIGTERM stops it cleanly and releases the data directory", async () => {
    const dataDir = tempDir();
    const { child, url } = await startCli(dataDir);
    await fc2For({ url, region: "cn-hangzhou", credentials: DEFAULT_ACCOUNT }).createService("svc");
    expect(fs.existsSync(path.join(dataDir, "LOCK"))).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, "LOCK"))).toBe(false);
    const again = await startEmulator({ dataDir });
    expect((await fc2For(again).getService("svc")).data["serviceName"]).toBe("svc");
    await again.close();
  }, 60_000);
});

describe("journal damage", () => {
  /** A closed data directory holding one committed row, and the path of its journal. */
  async function seeded(): Promise<{ dataDir: string; journal: string }> {
    const dataDir = tempDir();
    const store = new FileStore(dataDir, { tables: emulatorTables() });
    store.transact("1", (tx) => tx.put("versions", ["svc", "1"], { versionId: "1", description: "", createdTime: "t", lastModifiedTime: "t" }));
    await store.close();
    const journal = path.join(dataDir, fs.readdirSync(dataDir).find((n) => n.startsWith("journal-")) as string);
    expect(fs.readFileSync(journal, "utf8").split("\n")).toHaveLength(2);
    return { dataDir, journal };
  }

  test("an unterminated last line is a write that was never acknowledged and is dropped", async () => {
    const { dataDir, journal } = await seeded();
    fs.appendFileSync(journal, '{"a":"1","ops":[{"t":"versions","k":["svc","2"],"v":{"versionId"');
    const reopened = new FileStore(dataDir, { tables: emulatorTables() });
    expect(reopened.reader("1").list("versions", ["svc"]).map((r) => r.key)).toEqual([["svc", "1"]]);
    await reopened.close();
  });

  test("a damaged line before the end stops the start with its line number", async () => {
    const { dataDir, journal } = await seeded();
    fs.writeFileSync(journal, `garbage\n${fs.readFileSync(journal, "utf8")}`);
    expect(() => new FileStore(dataDir, { tables: emulatorTables() })).toThrow(`${path.basename(journal)} line 1 is damaged`);
  });

  test("a row that does not fit its table's schema stops the start", async () => {
    const { dataDir, journal } = await seeded();
    fs.appendFileSync(journal, '{"a":"1","ops":[{"t":"versions","k":["svc","2"],"v":{"versionId":2}}]}\n');
    expect(() => new FileStore(dataDir, { tables: emulatorTables() })).toThrow(`${path.basename(journal)} line 2: row ["svc","2"] of 'versions' is invalid`);
  });
});
