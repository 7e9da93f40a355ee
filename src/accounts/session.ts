import { randomBytes, randomUUID } from "node:crypto";
import { parse } from "cookie";
import mongoose from "mongoose";
import type { IncomingHttpHeaders } from "node:http";
import { UnauthenticatedError } from "../common/errors";
import type { Viewer } from "../context";
import type { Models } from "../db/models";
import { tokenHolder } from "./auth";
import { MAX_SESSIONS_PER_USER, SessionDoc } from "./session.model";
import { hashToken } from "./token";

/** The session cookie's name. */
export const SESSION_COOKIE = "ti_session";

/** Session secrets look like `ts_` + 43 base64url characters (32 random bytes), like tokens with another prefix. */
const SESSION_FORMAT = /^ts_[A-Za-z0-9_-]{43}$/;

/** Bounds on a session's configured lifetime (SESSION_TTL_S): five minutes to a day. */
export const SESSION_TTL_BOUNDS_S = { min: 300, max: 86_400, default: 28_800 } as const;

/** The session secret in a request's cookies, if it has one that is well formed. */
export function sessionSecretOf(headers: IncomingHttpHeaders): string | null {
  const raw = headers.cookie;
  // Most requests carry no cookie at all: no parsing for them.
  if (!raw || !raw.includes(`${SESSION_COOKIE}=`)) return null;
  const value = parse(raw)[SESSION_COOKIE];
  return value !== undefined && SESSION_FORMAT.test(value) ? value : null;
}

/** Whether the request carries a session cookie at all (well formed or not). */
export function hasSessionCookie(headers: IncomingHttpHeaders): boolean {
  return Boolean(headers.cookie?.includes(`${SESSION_COOKIE}=`));
}

/**
 * The viewer a session stands for: live (not ended, not expired) and made
 * from a token that is still live, of a user still enabled. Every failure is
 * the same UNAUTHENTICATED error.
 */
export async function authenticateSession(
  models: Models,
  secret: string,
  now = new Date(),
): Promise<{ viewer: Viewer; session: SessionDoc }> {
  const session = await models.Session.findOne({ _id: hashToken(secret) }).lean<SessionDoc>();
  if (!session || session.endedAt || session.expiresAt.getTime() <= now.getTime()) {
    throw new UnauthenticatedError("the session has ended or expired: sign in again");
  }
  const { viewer } = await tokenHolder(models, session.token, now);
  if (viewer.userId !== session.user.toHexString()) throw new UnauthenticatedError();
  return { viewer, session };
}

/**
 * Starts a session for the holder of a live token: at most `ttlMs` long and
 * never past the token's expiry. Clears the user's ended and expired
 * sessions, and ends the oldest live ones beyond MAX_SESSIONS_PER_USER.
 * Returns the secret (for the cookie only) and the stored session.
 */
export async function startSession(
  models: Models,
  tokenHash: string,
  ttlMs: number,
  now = new Date(),
): Promise<{ secret: string; session: SessionDoc; viewer: Viewer }> {
  const { viewer, token } = await tokenHolder(models, tokenHash, now);
  const user = token.user;
  await models.Session.deleteMany({ user, endedAt: mongoose.trusted({ $ne: null }) });
  await models.Session.deleteMany({ user, expiresAt: mongoose.trusted({ $lte: now }) });
  const live = await models.Session.find({ user }, { _id: 1 }).sort({ createdAt: -1 }).lean();
  const surplus = live.slice(MAX_SESSIONS_PER_USER - 1).map((s) => s._id);
  if (surplus.length)
    await models.Session.updateMany({ _id: mongoose.trusted({ $in: surplus }) }, { $set: { endedAt: now } });

  const secret = `ts_${randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(Math.min(now.getTime() + ttlMs, token.expiresAt.getTime()));
  const [doc] = await models.Session.create([
    { _id: hashToken(secret), sessionId: randomUUID(), user, token: token._id, expiresAt, endedAt: null },
  ]);
  return { secret, session: doc.toObject(), viewer };
}

/** Ends the session with this secret; the session as it was, or null when there was no live one. */
export async function endSession(models: Models, secret: string, now = new Date()): Promise<SessionDoc | null> {
  return models.Session.findOneAndUpdate(
    { _id: hashToken(secret), endedAt: null },
    { $set: { endedAt: now } },
  ).lean<SessionDoc>();
}
