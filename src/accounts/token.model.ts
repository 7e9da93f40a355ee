import { Schema, Types } from "mongoose";

/**
 * An API token, stored only as the SHA-256 of its secret. The hash is the
 * `_id`, so a token is found by the one lookup both MongoDB and FerretDB
 * answer from an index. `hint` is the first characters, to tell tokens apart
 * in lists; it is not enough to use one.
 */
export interface ApiTokenDoc {
  _id: string;
  tokenId: string;
  user: Types.ObjectId;
  name: string | null;
  hint: string;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

/** What may leave the service about a token: everything but the hash of its secret. */
export type ApiTokenMeta = Omit<ApiTokenDoc, "_id">;

export const apiTokenSchema = new Schema<ApiTokenDoc>(
  {
    _id: { type: String, required: true },
    tokenId: { type: String, required: true, unique: true },
    user: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, default: null, maxlength: 100 },
    hint: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    lastUsedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false }, collection: "apiTokens", versionKey: false },
);
// A user's tokens are listed newest first, ties by tokenId, a page at a time;
// the prefix also serves "every live token of this user" when they are disabled.
apiTokenSchema.index({ user: 1, createdAt: -1, tokenId: -1 });
