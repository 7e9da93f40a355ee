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
