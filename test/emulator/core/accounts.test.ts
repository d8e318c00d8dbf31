import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AccountRegistry, DEFAULT_STS_TTL_SECONDS, derivedProjectId, generateAccount, type Account } from "../../../emulator/core/accounts";

const ALICE: Account = { accountId: "1111111111", accessKeyId: "LTAIaliceKey0000000001", accessKeySecret: "alice-secret" };
const ALICE_SECOND_KEY: Account = { accountId: "1111111111", accessKeyId: "LTAIaliceKey0000000002", accessKeySecret: "alice-secret-2" };
const BOB: Account = { accountId: "2222222222", accessKeyId: "LTAIbobKey000000000002", accessKeySecret: "bob-secret" };

function firstIssue(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof z.ZodError) return error.issues[0]?.message;
    if (error instanceof Error) return error.message;
  }
  return undefined;
}

describe("AccountRegistry: long-term keys", () => {
  it("resolves each key to its account; one account may hold several keys", () => {
    const registry = new AccountRegistry([ALICE, ALICE_SECOND_KEY, BOB]);
    const withProject = (account: Account) => ({ ...account, projectId: derivedProjectId(account.accountId) });
    expect(registry.lookup(ALICE.accessKeyId)).toEqual(withProject(ALICE));
    expect(registry.lookup(ALICE_SECOND_KEY.accessKeyId)).toEqual(withProject(ALICE_SECOND_KEY));
    expect(registry.lookup(BOB.accessKeyId)).toEqual(withProject(BOB));
    expect(registry.lookup("LTAInobody")).toBeUndefined();
    expect(registry.hasAccount("1111111111")).toBe(true);
    expect(registry.hasAccount("3333333333")).toBe(false);
    expect(registry.accounts).toEqual([withProject(ALICE), withProject(ALICE_SECOND_KEY), withProject(BOB)]);
    expect(Object.isFrozen(registry.accounts)).toBe(true);
  });

  it("refuses key material that would be ambiguous or break the Authorization grammar", () => {
    expect(firstIssue(() => new AccountRegistry([ALICE, { ...BOB, accessKeyId: ALICE.accessKeyId }]))).toBe(
      "duplicate AccessKey ID LTAIaliceKey0000000001",
    );
    expect(firstIssue(() => new AccountRegistry([{ ...ALICE, accessKeyId: "STS.mine" }]))).toBe(
      'an AccessKey ID must not start with "STS." (reserved for STS credentials)',
    );
    expect(firstIssue(() => new AccountRegistry([{ ...ALICE, accessKeyId: "has:colon" }]))).toBe(
      "an AccessKey ID is 1-128 letters, digits, '.', '_' or '-'",
    );
    expect(firstIssue(() => new AccountRegistry([{ ...ALICE, accountId: "acct-1" }]))).toBe("an account ID is 1-32 digits");
    expect(firstIssue(() => new AccountRegistry([{ ...ALICE, accessKeySecret: "" }]))).toBe("Too small: expected string to have >=1 characters");
  });
});

describe("AccountRegistry.mintSts", () => {
  it("issues an STS.-prefixed key, a secret and a token that expire whole seconds after the clock", () => {
    const registry = new AccountRegistry([ALICE, BOB], () => new Date("2024-05-01T10:00:00.750Z"));
    const sts = registry.mintSts(BOB.accountId, 900);
    expect(sts.accessKeyId).toMatch(/^STS\.[A-Za-z0-9]{28}$/);
    expect(sts.accessKeySecret).toMatch(/^[A-Za-z0-9]{44}$/);
    expect(sts.securityToken).toMatch(/^CAIS[A-Za-z0-9+/]{240}$/);
    expect(sts.expiration).toBe("2024-05-01T10:15:00Z");
    expect(registry.lookup(sts.accessKeyId)).toEqual({
      accountId: BOB.accountId,
      projectId: derivedProjectId(BOB.accountId),
      accessKeyId: sts.accessKeyId,
      accessKeySecret: sts.accessKeySecret,
      sts: { securityToken: sts.securityToken, expiresAt: new Date("2024-05-01T10:15:00.000Z") },
    });
  });

  it("defaults to AssumeRole's one hour, and every credential is distinct", () => {
    const registry = new AccountRegistry([ALICE], () => new Date("2024-05-01T10:00:00Z"));
    const first = registry.mintSts(ALICE.accountId);
    const second = registry.mintSts(ALICE.accountId);
    expect(DEFAULT_STS_TTL_SECONDS).toBe(3600);
    expect(first.expiration).toBe("2024-05-01T11:00:00Z");
    expect(new Set([first.accessKeyId, second.accessKeyId]).size).toBe(2);
    expect(first.accessKeySecret).not.toBe(second.accessKeySecret);
    expect(first.securityToken).not.toBe(second.securityToken);
  });

  it("refuses an unknown account and a TTL outside 1–43200 whole seconds", () => {
    const registry = new AccountRegistry([ALICE]);
    expect(firstIssue(() => registry.mintSts("3333333333"))).toBe("unknown account 3333333333");
    expect(firstIssue(() => registry.mintSts(ALICE.accountId, 0))).toBe("Too small: expected number to be >=1");
    expect(firstIssue(() => registry.mintSts(ALICE.accountId, 43_201))).toBe("Too big: expected number to be <=43200");
    expect(firstIssue(() => registry.mintSts(ALICE.accountId, 1.5))).toBe("Invalid input: expected int, received number");
  });

  it("keeps expired credentials for a day (so callers hear 'expired'), then forgets them on the next mint", () => {
    let now = new Date("2024-05-01T10:00:00Z");
    const registry = new AccountRegistry([ALICE], () => now);
    const old = registry.mintSts(ALICE.accountId, 3600);

    now = new Date("2024-05-02T11:00:00Z"); // exactly 24 h after expiry: still kept
    registry.mintSts(ALICE.accountId);
    expect(registry.lookup(old.accessKeyId)?.accountId).toBe(ALICE.accountId);

    now = new Date("2024-05-02T11:00:01Z");
    registry.mintSts(ALICE.accountId);
    expect(registry.lookup(old.accessKeyId)).toBeUndefined();
  });
});

describe("generateAccount", () => {
  it("makes a valid, cloud-shaped key pair for the given account", () => {
    const a = generateAccount("1234567890123456");
    const b = generateAccount("1234567890123456");
    expect(a.accountId).toBe("1234567890123456");
    expect(a.accessKeyId).toMatch(/^LTAI[A-Za-z0-9]{20}$/);
    expect(a.accessKeySecret).toMatch(/^[A-Za-z0-9]{30}$/);
    expect(a.accessKeyId).not.toBe(b.accessKeyId);
    expect(new AccountRegistry([a, b]).lookup(b.accessKeyId)).toEqual({ ...b, projectId: derivedProjectId("1234567890123456") });
    expect(firstIssue(() => generateAccount("not-digits"))).toBe("an account ID is 1-32 digits");
  });
});

describe("AccountRegistry: project ids (FunctionGraph paths name them)", () => {
  const PROJECT = "0123456789abcdef0123456789abcdef";

  it("keeps a named project id for every key of its account, and resolves it back to the account", () => {
    const registry = new AccountRegistry([{ ...ALICE, projectId: PROJECT }, ALICE_SECOND_KEY, BOB]);
    expect(registry.accounts.map((a) => a.projectId)).toEqual([PROJECT, PROJECT, derivedProjectId(BOB.accountId)]);
    expect(registry.lookup(ALICE_SECOND_KEY.accessKeyId)?.projectId).toBe(PROJECT);
    expect(registry.accountOfProject(PROJECT)).toBe(ALICE.accountId);
    expect(registry.accountOfProject(derivedProjectId(BOB.accountId))).toBe(BOB.accountId);
    expect(registry.accountOfProject("ffffffffffffffffffffffffffffffff")).toBeUndefined();
  });

  it("derives a stable 32-hex id per account when none is named", () => {
    expect(derivedProjectId("1111111111")).toMatch(/^[0-9a-f]{32}$/);
    expect(derivedProjectId("1111111111")).toBe(derivedProjectId("1111111111"));
    expect(derivedProjectId("1111111111")).not.toBe(derivedProjectId("2222222222"));
  });

  it("STS credentials carry their account's project id", () => {
    const registry = new AccountRegistry([{ ...ALICE, projectId: PROJECT }]);
    const sts = registry.mintSts(ALICE.accountId);
    expect(registry.lookup(sts.accessKeyId)?.projectId).toBe(PROJECT);
  });

  it("refuses a malformed id, two ids for one account and one id for two accounts", () => {
    expect(firstIssue(() => new AccountRegistry([{ ...ALICE, projectId: "ABC" }]))).toBe("a project ID is 32 lower-case hex digits");
    expect(firstIssue(() => new AccountRegistry([{ ...ALICE, projectId: PROJECT }, { ...ALICE_SECOND_KEY, projectId: "f".repeat(32) }]))).toBe(
      `account 1111111111 is given two project IDs, ${PROJECT} and ${"f".repeat(32)}`,
    );
    expect(firstIssue(() => new AccountRegistry([{ ...ALICE, projectId: PROJECT }, { ...BOB, projectId: PROJECT }]))).toBe(
      `project ID ${PROJECT} is given to two accounts, 1111111111 and 2222222222`,
    );
  });
});
