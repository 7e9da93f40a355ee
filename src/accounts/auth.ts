import { createHash } from "node:crypto";
import { Types } from "mongoose";
import { UnauthenticatedError } from "../common/errors";
import type { Models } from "../db/models";
import { ANONYMOUS, Viewer } from "../context";
import { visibilitiesFor } from "./roles";
import { hashToken, isWellFormedToken } from "./token";
import type { ApiTokenDoc } from "./token.model";
import type { UserDoc } from "./user.model";

/** How stale `lastUsedAt` may get before a request refreshes it (one write a minute per token at most). */
const LAST_USED_GRANULARITY_MS = 60_000;

/**
 * Turns an Authorization header into a viewer. No header: anonymous. Anything
 * else must be `Bearer <token>` naming a live token of an enabled user; every
 * failure raises the same UNAUTHENTICATED error, so a caller learns nothing
 * about which check failed.
 */
export async function authenticate(models: Models, header: string | undefined, now = new Date()): Promise<Viewer> {
  if (header === undefined || header === "") return ANONYMOUS;
  const match = /^Bearer ([^\s]+)$/.exec(header);
  if (!match || !isWellFormedToken(match[1])) throw new UnauthenticatedError();
  return (await tokenHolder(models, hashToken(match[1]), now)).viewer;
}

/**
 * The viewer an API token (by its stored hash) stands for, if the token is
 * live and its user enabled; UNAUTHENTICATED otherwise. Refreshes the
 * token's `lastUsedAt`. Shared by bearer tokens and the sessions made from
 * them, so that revoking the token or disabling the user ends both.
 */
export async function tokenHolder(
  models: Models,
  tokenHash: string,
  now = new Date(),
): Promise<{ viewer: Viewer; token: ApiTokenDoc }> {
  const token = await models.ApiToken.findOne({ _id: tokenHash }).lean<ApiTokenDoc>();
  if (!token || token.revokedAt || token.expiresAt.getTime() <= now.getTime()) throw new UnauthenticatedError();
  const user = await models.User.findOne({ _id: new Types.ObjectId(token.user) }).lean();
  if (!user || user.disabled) throw new UnauthenticatedError();
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    await models.ApiToken.updateOne({ _id: token._id }, { $set: { lastUsedAt: now } });
  }
  const viewer: Viewer = {
    ...userViewer(user),
    credential: createHash("sha256").update(`rate-limit:${token._id}`).digest("hex").slice(0, 32),
  };
  return { viewer, token };
}

/** The viewer a user is, with their role's rights (the command line's `--as`; tokens add their credential). */
export function userViewer(user: UserDoc): Viewer {
  return {
    kind: "user",
    userId: user._id.toHexString(),
    email: user.email,
    role: user.role,
    organisationId: user.organisation?.toHexString() ?? null,
    visibilities: visibilitiesFor(user.role),
  };
}
