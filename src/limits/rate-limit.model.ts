import { Schema } from "mongoose";

/**
 * One API instance's count of requests for one key (a client address or a
 * token) in one fixed window. Each document has a single writer, the
 * instance named in it, so counts are set, never incremented concurrently;
 * instances sum each other's documents to share the limit. Expired documents
 * are deleted in code: FerretDB has no TTL indexes.
 */
export interface RateLimitCounterDoc {
  _id: string;
  key: string;
  window: number;
  instance: string;
  count: number;
  expiresAt: Date;
}

export const rateLimitCounterSchema = new Schema<RateLimitCounterDoc>(
  {
    _id: { type: String, required: true },
    key: { type: String, required: true },
    window: { type: Number, required: true },
    instance: { type: String, required: true },
    count: { type: Number, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: "rateLimitCounters", versionKey: false },
);
