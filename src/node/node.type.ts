import { Field, ID, InterfaceType } from "type-graphql";
import type { NodeKind } from "./global-id";

/**
 * Which kind a value handed out by `node`/`nodes` is. The values are the
 * catalogue's and the database's own objects (a kind each, for good), so
 * they are marked rather than wrapped.
 */
const kindOf = new WeakMap<object, NodeKind>();

export function asNode<T extends object>(kind: NodeKind, value: T | null): T | null {
  if (value) kindOf.set(value, kind);
  return value;
}

/** The `id` field's options, for the field resolvers that compute it. */
export const NODE_ID = {
  description: "Globally unique and opaque: it names the object and its type; pass it to `node` to refetch it.",
};

@InterfaceType({
  description:
    "An object with a globally unique id (Relay's Global Object Identification): refetch it with `node(id)`, and cache it by `id`.",
  resolveType: (value: object) => kindOf.get(value),
})
export abstract class Node {
  @Field(() => ID, NODE_ID)
  id!: string;
}
