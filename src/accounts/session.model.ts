import { Schema, Types } from "mongoose";

/**
 * A browser session, made by exchanging an API token (POST /auth/session).
 * Stored only as the SHA-256 of the cookie's secret, which is the `_id`, so
 * any instance finds it with one indexed lookup. It lives no longer than its
 * token and ends early when the token is revoked or the user disabled (both
 * checked on every request), or when DELETE /auth/session ends it.
 */
export interface SessionDoc {
  _id: string;
  /** A public id for the audit log and the logs; not enough to use the session. */
  sessionId: string;
  user: Types.ObjectId;
  /** The `_id` (hash) of the API token it was made from. */
  token: string;
  expiresAt: Date;
  endedAt: Date | null;
  createdAt: Date;
}

/** Live sessions one user may hold; starting another ends the oldest. */
export const MAX_SESSIONS_PER_USER = 20;

export const sessionSchema = new Schema<SessionDoc>(
  {
    _id: { type: String, required: true },
    sessionId: { type: String, required: true, unique: true },
    user: { type: Schema.Types.ObjectId, required: true },
    token: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    endedAt: { type: Date, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false }, collection: "sessions", versionKey: false },
);
sessionSchema.index({ user: 1, createdAt: 1 });
