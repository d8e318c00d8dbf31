import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { invalidArgument } from "../errors";

/**
 * Opaque `nextToken`s. A token carries the position after which the next page starts and a MAC over
 * that position *and the query it was issued for* (account, operation, parent resource, filters), so
 * a forged token, a token edited by hand, or one replayed against another function or another account
 * is refused with InvalidArgument instead of paging through something else.
 *
 * The key is random per process: tokens do not outlive a restart, as a cloud's need not either.
 */
export class PageTokens {
  readonly #key: Buffer;

  constructor(key: Buffer = randomBytes(32)) {
    this.#key = key;
  }

  #mac(scope: string, position: string): Buffer {
    return createHmac("sha256", this.#key).update(scope).update("\u0000").update(position).digest().subarray(0, 16);
  }

  issue(scope: string, position: string): string {
    return `${Buffer.from(position, "utf8").toString("base64url")}.${this.#mac(scope, position).toString("base64url")}`;
  }

  /** The position a token stands for; InvalidArgument when it was not issued for this very query. */
  open(scope: string, token: string): string {
    const invalid = () => invalidArgument("nextToken is invalid: it was not issued for this request");
    const [encodedPosition, encodedMac, ...rest] = token.split(".");
    if (encodedPosition === undefined || encodedMac === undefined || rest.length > 0) throw invalid();
    const position = Buffer.from(encodedPosition, "base64url").toString("utf8");
    const given = Buffer.from(encodedMac, "base64url");
    const expected = this.#mac(scope, position);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
    return position;
  }
}
