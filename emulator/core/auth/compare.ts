import { timingSafeEqual } from "node:crypto";

/**
 * Constant-time string equality for signatures and security tokens, so response timing does not reveal
 * how many leading characters of a guess were right. Only the length can short-circuit, and the length
 * of a signature or token is public (fixed by its encoding).
 */
export function safeEqual(provided: string, expected: string): boolean {
  const a = Buffer.from(provided, "utf8");
  const b = Buffer.from(expected, "utf8");
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}
