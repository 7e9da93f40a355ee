import { getNullableType, GraphQLInputType, GraphQLString, isInputObjectType, isListType } from "graphql";

/**
 * Folds text for literal, case- and accent-insensitive matching: Unicode
 * compatibility decomposition, combining marks removed, lower case, runs of
 * white space collapsed.
 */
export function foldText(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Escapes every character that has a meaning in a regular expression, so the text matches literally. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

/**
 * A GraphQL input value with every `String` in it trimmed of surrounding
 * white space, through lists and input objects; other scalars and enums are
 * left alone. Text is stored as the caller meant it: a name that begins with
 * spaces or a line break is never what anyone wants to read back, and it
 * hides a spreadsheet formula from checks that look at the first character.
 */
export function trimInputText(value: unknown, type: GraphQLInputType): unknown {
  const t = getNullableType(type);
  if (typeof value === "string") return t === GraphQLString ? value.trim() : value;
  if (isListType(t) && Array.isArray(value)) return value.map((v) => trimInputText(v, t.ofType));
  if (isInputObjectType(t) && value !== null && typeof value === "object") {
    const fields = t.getFields();
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, fields[k] ? trimInputText(v, fields[k].type) : v]),
    );
  }
  return value;
}
