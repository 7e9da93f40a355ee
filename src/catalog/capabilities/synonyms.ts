import { foldText } from "../../common/text";
import { SYNONYM_LIMITS } from "./capability.model";

/** A synonym as the seed files and the API give it: documents by slug. */
export interface SynonymContent {
  term: string;
  sources: { document?: string | null; url?: string | null; locator: string }[];
}

export interface SynonymProblem {
  /** Path below the list of synonyms: `["0", "term"]`, `["1", "sources", "0", "document"]`. */
  path: string[];
  message: string;
  code: "INVALID" | "NOT_FOUND" | "DUPLICATE";
}

/**
 * What is wrong with a capability's list of synonyms. Shared by the seed
 * checker and the taxonomy editor so both apply the same rules: a term is
 * 1 to 80 characters once trimmed, differs from the capability's name and
 * from the other terms after case and accent folding, and cites at least
 * one document that exists (a synonym is a claim about how the sources
 * write, so a URL alone does not support it). Pure.
 */
export function synonymProblems(name: string, synonyms: SynonymContent[], documents: Set<string>): SynonymProblem[] {
  const out: SynonymProblem[] = [];
  if (synonyms.length > SYNONYM_LIMITS.perCapability)
    out.push({ path: [], message: `at most ${SYNONYM_LIMITS.perCapability} synonyms`, code: "INVALID" });
  const seen = new Map<string, number>();
  synonyms.forEach((s, i) => {
    const at = (...rest: string[]) => [String(i), ...rest];
    const term = s.term.trim();
    const folded = foldText(term);
    if (!term || term.length > SYNONYM_LIMITS.term)
      out.push({ path: at("term"), message: `must be 1 to ${SYNONYM_LIMITS.term} characters`, code: "INVALID" });
    else if (folded === foldText(name))
      out.push({ path: at("term"), message: "is the capability's own name", code: "DUPLICATE" });
    else if (seen.has(folded))
      out.push({ path: at("term"), message: `repeats synonym ${seen.get(folded)}`, code: "DUPLICATE" });
    else seen.set(folded, i);
    if (s.sources.length === 0)
      out.push({ path: at("sources"), message: "at least one source is required", code: "INVALID" });
    if (s.sources.length > SYNONYM_LIMITS.sourcesPerSynonym)
      out.push({
        path: at("sources"),
        message: `at most ${SYNONYM_LIMITS.sourcesPerSynonym} sources`,
        code: "INVALID",
      });
    s.sources.forEach((src, j) => {
      const where = at("sources", String(j));
      if (!src.document)
        out.push({ path: [...where, "document"], message: "a synonym cites a source document", code: "INVALID" });
      else if (!documents.has(src.document))
        out.push({ path: [...where, "document"], message: `no document "${src.document}"`, code: "NOT_FOUND" });
      if (src.url) out.push({ path: [...where, "url"], message: "cite the document, not a URL", code: "INVALID" });
      if (!src.locator.trim() || src.locator.length > 200)
        out.push({ path: [...where, "locator"], message: "must be 1 to 200 characters", code: "INVALID" });
    });
  });
  return out;
}
