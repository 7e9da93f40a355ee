import { Types } from "mongoose";
import type { UserErrorData } from "../accounts/account.service";
import type { Context } from "../context";
import { isPlainText } from "../common/validation";

/** What is wrong with a name for a saved search or a shortlist (already trimmed), or null. */
export function nameProblem(name: string): UserErrorData | null {
  if (!name || name.length > 200 || !isPlainText(name)) {
    return { field: ["name"], message: "must be 1 to 200 characters, without control characters", code: "INVALID" };
  }
  return null;
}

/** The signed-in caller, whose workspace it is (the resolvers let only signed-in users through). */
export function workspaceOwner(ctx: Context): Types.ObjectId {
  const id = ctx.viewer.userId;
  if (ctx.viewer.kind !== "user" || !id) throw new Error("the workspace needs a signed-in user");
  return new Types.ObjectId(id);
}

/** By name, then id: the order workspace lists come in. */
export const byNameThenId = (a: { name: string; _id: Types.ObjectId }, b: { name: string; _id: Types.ObjectId }) =>
  a.name.localeCompare(b.name) || (a._id.toHexString() < b._id.toHexString() ? -1 : 1);
