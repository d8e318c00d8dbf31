// Who may call the emulator: long-term AccessKey pairs (each bound to one account) and STS
// credentials minted from them. The clouds keep these in RAM/IAM and STS; here one registry holds both,
// for every API: each API's auth scheme resolves an AccessKey ID to its secret and account here.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";

/** Prefix the cloud gives temporary (STS) AccessKey IDs; `@alicloud/fc2` keys its token handling on it. */
export const STS_KEY_PREFIX = "STS.";

// The key ID travels inside `Authorization: FC {id}:{sig}` and `Credential={id},…`, so it must not contain
// the separators of those grammars, nor whitespace. `STS.` is reserved for keys this registry mints.
const accessKeyIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,128}$/, "an AccessKey ID is 1-128 letters, digits, '.', '_' or '-'")
  .refine((id) => !id.startsWith(STS_KEY_PREFIX), `an AccessKey ID must not start with "${STS_KEY_PREFIX}" (reserved for STS credentials)`);

export const AccountSchema = z.object({
  // Real account IDs are 16 digits; the emulator accepts any digits so tests can use short, readable ones.
  // Digits only, because the account ID is also the first label of the FC host name.
  accountId: z.string().regex(/^[0-9]{1,32}$/, "an account ID is 1-32 digits"),
  accessKeyId: accessKeyIdSchema,
  accessKeySecret: z.string().min(1).max(256),
  /**
   * The account's project id, for the APIs whose paths name a project (FunctionGraph's
   * `/v2/{project_id}/…`): 32 lower-case hex digits. Derived from the account id when absent.
   */
  projectId: z.string().regex(/^[0-9a-f]{32}$/, "a project ID is 32 lower-case hex digits").optional(),
});
export type Account = z.infer<typeof AccountSchema>;
/** An account as the registry holds it: its project id filled in. */
export type RegisteredAccount = Account & { readonly projectId: string };

/** Who an authenticated request comes from: what every API's auth scheme hands its handlers. */
export interface Principal {
  readonly accountId: string;
  readonly projectId: string;
  /** The AccessKey ID the request was signed with (long-term or STS); never its secret. */
  readonly accessKeyId: string;
}

/** The project id of an account that names none: stable across runs, distinct per account. */
export function derivedProjectId(accountId: string): string {
  return createHash("sha256").update(`project:${accountId}`).digest("hex").slice(0, 32);
}

export const StsCredentialsSchema = z.object({
  accessKeyId: z.string().startsWith(STS_KEY_PREFIX),
  accessKeySecret: z.string().min(1),
  securityToken: z.string().min(1),
  /** ISO 8601 UTC without milliseconds, the form STS's AssumeRole answers with (`2015-04-09T11:52:19Z`). */
  expiration: z.iso.datetime(),
});
export type StsCredentials = z.infer<typeof StsCredentialsSchema>;

// STS AssumeRole allows 900–43200 s. Below 900 is allowed here too: a test that wants an expired token
// should move its injected clock, but a short-lived token costs nothing and matches no cloud rule we break.
const ttlSecondsSchema = z.number().int().min(1).max(43_200);
/** AssumeRole's default DurationSeconds. */
export const DEFAULT_STS_TTL_SECONDS = 3600;

/** What `authenticate` needs to know about an AccessKey ID. */
export type Credential = {
  readonly accountId: string;
  readonly projectId: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** Only STS credentials have a token and an expiry. */
  readonly sts?: { readonly securityToken: string; readonly expiresAt: Date };
};

// Expired STS credentials are kept this long after expiry so a late caller hears "expired" rather than
// "unknown key"; after that they are pruned so a long-running emulator does not grow without bound.
const EXPIRED_RETENTION_MS = 24 * 3600 * 1000;

const BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function randomBase62(length: number): string {
  // 248 = 4 * 62: rejecting bytes ≥ 248 keeps every character equally likely.
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

/** A fresh long-term key pair shaped like the cloud's (`LTAI…` ID, 30-character secret). */
export function generateAccount(accountId: string): Account {
  return AccountSchema.parse({
    accountId,
    accessKeyId: `LTAI${randomBase62(20)}`,
    accessKeySecret: randomBase62(30),
  });
}

function toIsoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export class AccountRegistry {
  readonly #clock: () => Date;
  readonly #longTerm = new Map<string, Credential>();
  readonly #sts = new Map<string, Credential>();
  readonly #accounts: readonly RegisteredAccount[];
  readonly #projects = new Map<string, string>();

  constructor(accounts: Account[], clock: () => Date = () => new Date()) {
    const parsed = z.array(AccountSchema).parse(accounts);
    // An account may appear several times with different keys, as a RAM user may hold two AccessKeys;
    // it has one project id, named on any of its entries or derived.
    const projectOf = new Map<string, string>();
    for (const account of parsed) {
      const named = account.projectId;
      const known = projectOf.get(account.accountId);
      if (named !== undefined && known !== undefined && named !== known) {
        throw new Error(`account ${account.accountId} is given two project IDs, ${known} and ${named}`);
      }
      if (named !== undefined) projectOf.set(account.accountId, named);
    }
    const registered = parsed.map((account): RegisteredAccount => ({
      ...account,
      projectId: projectOf.get(account.accountId) ?? derivedProjectId(account.accountId),
    }));
    for (const account of registered) {
      if (this.#longTerm.has(account.accessKeyId)) {
        // Two secrets for one ID would make verification depend on map order.
        throw new Error(`duplicate AccessKey ID ${account.accessKeyId}`);
      }
      const owner = this.#projects.get(account.projectId);
      if (owner !== undefined && owner !== account.accountId) {
        throw new Error(`project ID ${account.projectId} is given to two accounts, ${owner} and ${account.accountId}`);
      }
      this.#projects.set(account.projectId, account.accountId);
      this.#longTerm.set(account.accessKeyId, { ...account });
    }
    this.#accounts = Object.freeze(registered.map((account) => Object.freeze(account)));
    this.#clock = clock;
  }

  /** The long-term keys, in the order given, with their project ids. */
  get accounts(): readonly RegisteredAccount[] {
    return this.#accounts;
  }

  /** The account a project id belongs to. */
  accountOfProject(projectId: string): string | undefined {
    return this.#projects.get(projectId);
  }

  hasAccount(accountId: string): boolean {
    return this.#accounts.some((account) => account.accountId === accountId);
  }

  /** Resolves an AccessKey ID, long-term or STS (expired STS keys included, until pruned). */
  lookup(accessKeyId: string): Credential | undefined {
    return this.#longTerm.get(accessKeyId) ?? this.#sts.get(accessKeyId);
  }

  /**
   * Issues temporary credentials for an account, as STS AssumeRole would for a role in it.
   * The key ID starts with `STS.`; requests signed with it must carry the token, and stop working at `expiration`.
   */
  mintSts(accountId: string, ttlSeconds: number = DEFAULT_STS_TTL_SECONDS): StsCredentials {
    if (!this.hasAccount(accountId)) throw new Error(`unknown account ${accountId}`);
    const ttl = ttlSecondsSchema.parse(ttlSeconds);
    const now = this.#clock();
    this.#pruneExpired(now);
    // Whole seconds, because the ISO expiration we hand out has no milliseconds and must be the exact deadline.
    const expiresAt = new Date(Math.floor(now.getTime() / 1000) * 1000 + ttl * 1000);
    const credentials = StsCredentialsSchema.parse({
      accessKeyId: `${STS_KEY_PREFIX}${randomBase62(28)}`,
      accessKeySecret: randomBase62(44),
      // Real tokens are long opaque base64 starting "CAIS"; length matters to clients that size headers.
      securityToken: `CAIS${randomBytes(180).toString("base64")}`,
      expiration: toIsoSeconds(expiresAt),
    });
    this.#sts.set(credentials.accessKeyId, {
      accountId,
      projectId: this.#accounts.find((account) => account.accountId === accountId)?.projectId ?? derivedProjectId(accountId),
      accessKeyId: credentials.accessKeyId,
      accessKeySecret: credentials.accessKeySecret,
      sts: { securityToken: credentials.securityToken, expiresAt },
    });
    return credentials;
  }

  #pruneExpired(now: Date): void {
    for (const [id, credential] of this.#sts) {
      if (credential.sts && now.getTime() - credential.sts.expiresAt.getTime() > EXPIRED_RETENTION_MS) {
        this.#sts.delete(id);
      }
    }
  }
}
