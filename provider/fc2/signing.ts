/**
 * Signing of the provider's requests with the `FC` scheme of the contract (contracts/fc2/signature.ts), as the
 * official Node SDK `@alicloud/fc2` sends them: this file decides which headers a request carries (`date`,
 * `x-fc-account-id`, the STS token, the body headers); the contract computes the signature.
 */
import { signFcRequest } from "../../contracts/fc2";
import type { SigningCredentials } from "../alicloud/credentials";

/** What `signRequest` signs. */
export interface SignRequestInput {
  readonly method: string;
  /** The decoded resource path, version prefix included, query excluded: `/2016-08-15/services/s.LATEST/...`. */
  readonly resource: string;
  /** Headers to send besides the signing ones, lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer | undefined;
  /** Content type of `body`; default `application/json`. */
  readonly contentType?: string | undefined;
  readonly accountId: string;
  readonly credentials: SigningCredentials;
  /** The request time; the service refuses more than 15 minutes of skew. */
  readonly date: Date;
}

/** The complete header set of a signed request: `date`, `x-fc-account-id`, STS token, body headers, `authorization`. */
export function signRequest(input: SignRequestInput): Record<string, string> {
  const headers: Record<string, string> = {
    ...input.headers,
    date: input.date.toUTCString(),
    "x-fc-account-id": input.accountId,
  };
  if (input.credentials.securityToken) headers["x-fc-security-token"] = input.credentials.securityToken;
  if (input.body !== undefined) headers["content-type"] = input.contentType ?? "application/json";
  return signFcRequest({ method: input.method.toUpperCase(), path: input.resource, headers, body: input.body }, input.credentials);
}
