import { createHash } from "node:crypto";
import { fcError } from "../../errors";

/**
 * ETag and If-Match on services, functions and aliases, as the Python and Go SDKs use them: every
 * create/get/update answers an `ETag` header, and an update or delete carrying `If-Match` goes ahead only
 * when it names the resource's current ETag (or is `*`); otherwise 412 PreconditionFailed.
 *
 * The cloud's ETag algorithm is not published. The emulator's is the MD5 (hex) of the resource as the API
 * answers it, so it changes with every change of the resource (lastModifiedTime included) and with
 * nothing else. Sent unquoted, as the SDKs hand it back verbatim; a quoted or weak (`W/"…"`) If-Match is
 * compared by its inner value.
 */

export function etagOf(presented: unknown): string {
  return createHash("md5").update(JSON.stringify(presented), "utf8").digest("hex");
}

export function etagHeader(presented: unknown): Record<string, string> {
  return { etag: etagOf(presented) };
}

function candidates(ifMatch: string): string[] {
  return ifMatch
    .split(",")
    .map((part) => part.trim().replace(/^W\//, "").replace(/^"(.*)"$/, "$1"))
    .filter((part) => part !== "");
}

/** Throws PreconditionFailed unless `If-Match` is absent, `*`, or names `presented`'s current ETag. */
export function checkIfMatch(headers: Readonly<Record<string, string | undefined>>, presented: unknown): void {
  const ifMatch = headers["if-match"];
  if (ifMatch === undefined) return;
  const wanted = candidates(ifMatch);
  if (wanted.includes("*")) return;
  const current = etagOf(presented);
  if (!wanted.includes(current)) throw fcError("PreconditionFailed", ifMatch);
}
