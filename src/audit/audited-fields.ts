/**
 * Query fields whose answer is itself audited: an admin reading a user's
 * credentials is something incident response needs to see afterwards.
 */
const AUDITED_QUERIES: ReadonlySet<string> = new Set(["apiTokens"]);

/**
 * Whether resolving this root field writes an audit event: every mutation,
 * accepted or refused, and the audited queries. The per-operation limit on
 * such fields and the auth checker's refusal events both rely on this one
 * list, so the documented bound on events per request stays true.
 */
export function writesAuditEvent(parentType: string, field: string): boolean {
  return parentType === "Mutation" || (parentType === "Query" && AUDITED_QUERIES.has(field));
}
