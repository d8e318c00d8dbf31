// The emulator's dashboard (/_emulator/ui) in a real headless Chromium (Debian's `chromium`, driven by
// playwright-core): the page loads with its landmarks, lists the functions and their async configs per
// qualifier, and follows an asynchronous task started with Alibaba's official SDK from Enqueued through each
// retry to Failed — the engine runs on a VirtualClock, so the test moves time instead of sleeping, and the page
// picks each step up by polling. It also shows the failure record, the injected faults and the request counts,
// and fetches nothing from anywhere but the emulator.
//
// `bash scripts/bootstrap.sh` installs Chromium when it is missing (as root, with apt-get); without it this file
// is skipped with the reason printed.
import { accessSync, constants, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VirtualClock, type Emulator } from "../../emulator";
import { repoRoot, stateRoot } from "../../scripts/lib/pulumi.ts";
import { fc2For, handlerZipBase64, startEmulator, type Fc2Client } from "../support/emulator";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const FAILURES = "acs:mns:cn-hangzhou:1234567890123456:/queues/orders-failed/messages";
const DONE = "acs:mns:cn-hangzhou:1234567890123456:/topics/receipts-done/messages";
const WAIT = { timeout: 60_000 };

function chromiumMissing(): string | undefined {
  try {
    accessSync(CHROMIUM, constants.X_OK);
    return undefined;
  } catch {
    return `${CHROMIUM} is not installed (bash scripts/bootstrap.sh installs Debian's chromium when run as root)`;
  }
}
const missing = chromiumMissing();
if (missing !== undefined) console.warn(`dashboard.test.ts skipped: ${missing}`);

let emulator: Emulator;
let clock: VirtualClock;
let sdk: Fc2Client;
let browser: Browser;
let page: Page;
const outsideRequests: string[] = [];

const task = (id: string) => page.locator(`article.task[data-task-id="${id}"]`);

async function invokeAsync(fn: string, invocationId: string, qualifier?: string): Promise<void> {
  await sdk.request(
    "POST",
    `/services/shop${qualifier ? `.${qualifier}` : ""}/functions/${fn}/invocations`,
    null,
    "{}",
    { "x-fc-invocation-type": "Async", "x-fc-stateful-async-invocation-id": invocationId },
  );
}

describe.skipIf(missing !== undefined)("the emulator dashboard in headless Chromium", () => {
  beforeAll(async () => {
    clock = new VirtualClock("2026-12-01T09:00:00Z");
    emulator = await startEmulator({ asyncScheduler: clock });
    sdk = fc2For(emulator);
    await sdk.createService("shop");
    const code = (source: string) => ({ runtime: "nodejs18", handler: "index.handler", code: { zipFile: handlerZipBase64(source) } });
    await sdk.createFunction("shop", { functionName: "orders", ...code("exports.handler = (e, c, cb) => cb(new Error('payment service down'));\n") });
    await sdk.createFunction("shop", { functionName: "receipts", ...code("exports.handler = (e, c, cb) => cb(null, { sent: true });\n") });
    await sdk.publishVersion("shop");
    await sdk.createAlias("shop", "prod", "1");
    await sdk.putFunctionAsyncConfig("shop", "orders", undefined, {
      maxAsyncRetryAttempts: 2,
      maxAsyncEventAgeInSeconds: 3600,
      statefulInvocation: true,
      destinationConfig: { onFailure: { destination: FAILURES } },
    });
    await sdk.putFunctionAsyncConfig("shop", "receipts", "prod", {
      maxAsyncRetryAttempts: 1,
      statefulInvocation: true,
      destinationConfig: { onSuccess: { destination: DONE } },
    });

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
    page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    page.on("request", (request) => {
      if (!request.url().startsWith(emulator.url)) outsideRequests.push(request.url());
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
  });

  it("loads with its landmarks, labelled controls, and every function's configs per qualifier", async () => {
    const response = await page.goto(`${emulator.url}/_emulator/ui`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-type"]).toBe("text/html; charset=utf-8");
    expect(await page.title()).toBe("Emulator dashboard");
    const landmarks = await Promise.all((["banner", "navigation", "main", "contentinfo"] as const).map((role) => page.getByRole(role).count()));
    expect(landmarks).toEqual([1, 1, 1, 1]);
    await page.getByRole("status").waitFor({ state: "attached" });
    expect(await page.getByLabel("Function", { exact: true }).evaluate((el) => el.tagName)).toBe("SELECT");
    expect(await page.getByLabel("Status", { exact: true }).evaluate((el) => el.tagName)).toBe("SELECT");
    expect(await page.getByLabel("Live updates").isChecked()).toBe(true);

    const table = page.getByRole("table", { name: /Function Compute 2\.0/ });
    await table.waitFor(WAIT);
    const headers = await table.locator("thead th[scope=col]").allTextContents();
    expect(headers).toEqual(["Account", "Service", "Function", "Qualifier", "Retries", "Max event age", "Async task", "On success", "On failure", "Modified"]);
    const rows = (await table.locator("tbody tr").allInnerTexts()).map((r) => r.split("\t").map((c) => c.trim()));
    expect(rows.map((r) => r.slice(0, 9))).toEqual([
      ["1234567890123456", "shop", "orders\ninvocable at LATEST, 1, prod", "LATEST", "2", "3,600 s", "on", "none", FAILURES],
      ["1234567890123456", "shop", "receipts\ninvocable at LATEST, 1, prod", "prod", "1", "86,400 s", "on", DONE, "none"],
    ]);
  }, 120_000);

  it("shows a task started through the SDK, and each attempt in its timeline as it runs to Failed", async () => {
    await invokeAsync("orders", "order-42");
    await page.getByRole("button", { name: "Show the async tasks of shop/orders" }).click();
    await expect.poll(() => task("order-42").getAttribute("data-status"), WAIT).toBe("queued");

    await clock.advance(0); // attempt 1
    await expect.poll(() => task("order-42").getAttribute("data-status"), WAIT).toBe("retrying");
    expect(await task("order-42").locator("li[data-attempt]").count()).toBe(1);

    await clock.advance(500); // attempt 2, 0.5 s later
    await expect.poll(() => task("order-42").locator("li[data-attempt]").count(), WAIT).toBe(2);

    await clock.advance(1000); // attempt 3, the last retry
    await expect.poll(() => task("order-42").getAttribute("data-status"), WAIT).toBe("failed");
    const timeline = task("order-42").getByRole("list", { name: "Timeline of order-42" });
    const events = (await timeline.locator("li").allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim());
    expect(events).toEqual([
      "+0.000 s Queued",
      "+0.000 s Attempt 1 started",
      "+0.000 s Attempt 1 ended: Retrying handledFunctionError",
      "+0.500 s Attempt 2 started",
      "+0.500 s Attempt 2 ended: Retrying handledFunctionError",
      "+1.500 s Attempt 3 started",
      "+1.500 s Attempt 3 ended: Failed handledFunctionError",
    ]);
    expect(await task("order-42").locator("li[data-attempt]").evaluateAll((els) => els.map((e) => e.getAttribute("data-attempt")))).toEqual(["1", "2", "3"]);
    await expect.poll(() => page.getByRole("status").textContent(), WAIT).toContain("Task order-42 on shop/orders: Failed.");
  }, 120_000);

  it("lists the destination record, the injected faults and the request counts", async () => {
    await invokeAsync("receipts", "receipt-7", "prod");
    await invokeAsync("receipts", "receipt-8", "prod");
    await clock.runUntilIdle();
    await emulator.control.setFaults({ seed: 7, rates: { "503": 0.25 }, operations: ["PutFunctionAsyncInvokeConfig"], retryAfterSeconds: 2 });

    const records = page.getByRole("table", { name: /Records kept/ });
    await expect.poll(() => records.locator("tbody tr").count(), WAIT).toBe(3);
    const rows = (await records.locator("tbody tr").allInnerTexts()).map((r) => r.split("\t").map((c) => c.trim()));
    expect(rows.map((r) => [r[0], r[3], r[4]])).toEqual([
      [FAILURES, "HandledInvocationError", "3"],
      [DONE, "success", "1"],
      [DONE, "success", "1"],
    ]);

    const faults = page.getByRole("table", { name: "Fault configuration and what it did" });
    await faults.waitFor(WAIT);
    expect(await faults.getByRole("row", { name: /^Rates/ }).innerText()).toMatch(/503: 0\.25/);

    const counts = page.getByRole("table", { name: /Requests per operation/ });
    const countRows = Object.fromEntries(
      (await counts.locator("tbody tr").allInnerTexts()).map((r) => r.split("\t").map((c) => c.trim()) as [string, string]),
    );
    expect(countRows).toMatchObject({ InvokeFunction: "3", PutFunctionAsyncInvokeConfig: "2", CreateFunction: "2", CreateService: "1" });

    await page.getByLabel("Function", { exact: true }).selectOption({ label: "Function Compute 2.0 · 1234567890123456 · shop/receipts (2 tasks)" });
    await expect.poll(() => page.locator("article.task").evaluateAll((els) => els.map((e) => e.getAttribute("data-status"))), WAIT).toEqual([
      "succeeded",
      "succeeded",
    ]);
    await page.getByLabel("Function", { exact: true }).selectOption({ label: "Function Compute 2.0 · 1234567890123456 · shop/orders (1 task)" });
    await task("order-42").waitFor(WAIT);

    mkdirSync(stateRoot, { recursive: true });
    const screenshot = process.env["DASHBOARD_SCREENSHOT"] ?? path.join(stateRoot, "dashboard.png");
    await page.screenshot({ path: path.resolve(repoRoot, screenshot), fullPage: true });
    expect(outsideRequests).toEqual([]);
  }, 120_000);
});
