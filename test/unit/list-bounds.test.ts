import "reflect-metadata";
import { getNamedType, getNullableType, isLeafType, isListType, isObjectType } from "graphql";
import { createSchema } from "../../src/schema";
import { LIST_BOUNDS, otherListBound } from "../../src/limits/query-limits";

/**
 * The cost of a query bounds the fields of its answer only if every list of
 * objects is counted at a bound: a connection's edges at its page size, any
 * other list with `first` at that, and the rest from LIST_BOUNDS. A list
 * field added without a bound fails here.
 */
describe("list bounds", () => {
  it("cover every list of objects in the schema", async () => {
    const schema = await createSchema();
    const unbounded: string[] = [];
    const listed = new Set<string>();
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith("__")) continue;
      for (const field of Object.values(type.getFields())) {
        if (!isListType(getNullableType(field.type)) || isLeafType(getNamedType(field.type))) continue;
        const key = `${type.name}.${field.name}`;
        listed.add(key);
        const paged = field.args.some((a) => a.name === "first");
        const edges = (field.name === "edges" || field.name === "nodes") && type.name.endsWith("Connection");
        if (!paged && !edges && !LIST_BOUNDS[key] && otherListBound(field) === undefined) unbounded.push(key);
      }
    }
    expect(unbounded).toEqual([]);
    // And no bound names a field that no longer exists.
    expect(Object.keys(LIST_BOUNDS).filter((k) => !listed.has(k))).toEqual([]);
  });
});
