import { benchCatalogue, gql } from "./harness";
import { RELEVANCE_SET } from "./relevance-set";

/**
 * bench/relevance: the relevance set (bench/relevance-set.ts) run as
 * anonymous searches over HTTP against the API on the seed inventory. Prints
 * each query's ranks, the share of cases with every expected listing within
 * its rank, the mean reciprocal rank (of each expected listing; a listing not
 * in the first 50 counts 0) and the misses. Targets: ≥ 95 % within rank, MRR
 * ≥ 0.85.
 */

const QUERY = `query($s: String) { tools(search: $s, first: 50) { totalCount edges { node { slug } } } }`;

async function main() {
  const catalogue = await benchCatalogue("relevance", 0, 0);
  try {
    let within = 0;
    let reciprocal = 0;
    let expected = 0;
    const misses: string[] = [];
    for (const c of RELEVANCE_SET) {
      const r = (await gql(catalogue.server.url, QUERY, { s: c.query })) as {
        data: { tools: { totalCount: number; edges: { node: { slug: string } }[] } };
      };
      const slugs = r.data.tools.edges.map((e) => e.node.slug);
      const ranks = c.expect.map((s) => slugs.indexOf(s) + 1);
      const ok = ranks.every((k) => k > 0 && k <= c.rank);
      if (ok) within++;
      else
        misses.push(
          `${c.kind.padEnd(13)} "${c.query}": ${c.expect.map((s, i) => `${s} at ${ranks[i] || "—"}`).join(", ")} (within ${c.rank}; top 3: ${slugs.slice(0, 3).join(", ")})`,
        );
      for (const k of ranks) reciprocal += k > 0 ? 1 / k : 0;
      expected += ranks.length;
      console.log(
        `${ok ? "hit " : "MISS"} ${c.kind.padEnd(13)} ${JSON.stringify(c.query).padEnd(36)} ${ranks
          .map((k) => k || "—")
          .join(", ")
          .padEnd(8)} of ${r.data.tools.totalCount}`,
      );
    }
    const share = within / RELEVANCE_SET.length;
    const mrr = reciprocal / expected;
    console.log(`\n${RELEVANCE_SET.length} queries, ${expected} expected listings`);
    console.log(`within rank: ${within}/${RELEVANCE_SET.length} = ${(share * 100).toFixed(1)} % (target ≥ 95 %)`);
    console.log(`mean reciprocal rank: ${mrr.toFixed(3)} (target ≥ 0.85)`);
    console.log(misses.length ? `misses:\n  ${misses.join("\n  ")}` : "misses: none");
  } finally {
    await catalogue.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
