import { ClassType, Field, Int, ObjectType } from "type-graphql";
import { PageInfoType } from "./page-info.type";
import type { Page } from "./pagination";

/**
 * A Relay-style connection type for `node`: `<Name>Edge { cursor node }`
 * (with the fields of `edgeBase`, an abstract object type, if given) and an
 * abstract base with `totalCount`, `edges` and `pageInfo` that the concrete
 * connection extends (adding facets, for instance).
 */
export function ConnectionType<T extends object>(name: string, node: ClassType<T>, edgeBase: ClassType = class {}) {
  @ObjectType(`${name}Edge`, { description: `One ${name} of a page, with its cursor.` })
  class Edge extends edgeBase {
    @Field(() => String, { description: "This item's position: pass it as `after` to get the items that follow it." })
    cursor!: string;

    @Field(() => node, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType()
  abstract class Connection {
    @Field(() => Int, { description: "How many items match in all, across every page." })
    totalCount!: number;

    @Field(() => [Edge], { description: "This page's items, in order; empty past the last page." })
    edges!: Edge[];

    @Field(() => PageInfoType, { description: "Where this page sits in the whole result." })
    pageInfo!: PageInfoType;
  }
  return Connection;
}

/** A page as the connection fields expect it. */
export function toConnection<T>(page: Page<T>) {
  return {
    totalCount: page.totalCount,
    pageInfo: page.pageInfo,
    edges: page.items.map((i) => ({ cursor: i.cursor, node: i.item })),
  };
}
