/**
 * FunctionGraph identities over the emulator's accounts: the same access keys (long-term and STS) open the
 * account's project. Each account's project id is 32 hex digits derived from its id, so it is the same on every run.
 */
import { createHash } from "node:crypto";
import type { FgIdentity } from "./auth";

export function projectIdOf(accountId: string): string {
  return createHash("md5").update(`functiongraph-project:${accountId}`).digest("hex");
}

/** What the emulator's account registry answers for a key (long-term, or STS with its token and expiry). */
export interface KeyLookup {
  lookup(accessKeyId: string): { accountId: string; accessKeySecret: string; sts?: { securityToken: string; expiresAt: Date } | undefined } | undefined;
}

export function identityLookup(accounts: KeyLookup, now: () => number): (accessKey: string) => FgIdentity | undefined {
  return (accessKey) => {
    const credential = accounts.lookup(accessKey);
    if (credential === undefined) return undefined;
    if (credential.sts !== undefined && credential.sts.expiresAt.getTime() <= now()) return undefined;
    return {
      accountId: credential.accountId,
      projectId: projectIdOf(credential.accountId),
      accessKey,
      secretKey: credential.accessKeySecret,
      securityToken: credential.sts?.securityToken,
    };
  };
}
