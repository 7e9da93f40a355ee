import { createHash, randomBytes, randomUUID } from "node:crypto";

/** Tokens look like `ti_` + 43 base64url characters (32 random bytes), so they are easy to recognise in a leak scan. */
export const TOKEN_PREFIX = "ti_";
const TOKEN_FORMAT = /^ti_[A-Za-z0-9_-]{43}$/;

export function newToken(): { secret: string; hash: string; hint: string; tokenId: string } {
  const secret = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { secret, hash: hashToken(secret), hint: secret.slice(0, 7), tokenId: randomUUID() };
}

export function hashToken(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function isWellFormedToken(s: string): boolean {
  return TOKEN_FORMAT.test(s);
}
