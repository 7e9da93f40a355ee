/**
 * The crosswalk between classification schemes, as pure functions over
 * plain data: how relations combine along a path, which target levels a
 * level translates to, the level × level matrix of a set of schemes, where
 * translation is impossible, and what makes a proposed mapping wrong. The
 * seed checker and the API share these, so both apply the same rules.
 */

/**
 * SKOS-style mapping relations, read "from has R match to": `BROADER` means
 * the target level is broader than the source level (skos:broadMatch).
 */
export enum MappingRelation {
  EXACT = "EXACT",
  CLOSE = "CLOSE",
  BROADER = "BROADER",
  NARROWER = "NARROWER",
  RELATED = "RELATED",
}

/** The order of strength: EXACT > CLOSE > BROADER = NARROWER > RELATED. */
export const RELATION_STRENGTH: Record<MappingRelation, number> = {
  [MappingRelation.EXACT]: 4,
  [MappingRelation.CLOSE]: 3,
  [MappingRelation.BROADER]: 2,
  [MappingRelation.NARROWER]: 2,
  [MappingRelation.RELATED]: 1,
};

/** The relation read the other way: a mapping can be followed in both directions. */
export function inverse(r: MappingRelation): MappingRelation {
  if (r === MappingRelation.BROADER) return MappingRelation.NARROWER;
  if (r === MappingRelation.NARROWER) return MappingRelation.BROADER;
  return r;
}

/**
 * The relation of a two-step path: the weaker of the two, except that a
 * step up and a step down (BROADER then NARROWER, or the reverse) says only
 * that the ends share something, RELATED: two levels inside one broader
 * level need not overlap, and a level's two broader matches need not either.
 */
export function compose(a: MappingRelation, b: MappingRelation): MappingRelation {
  if (a === MappingRelation.EXACT) return b;
  if (b === MappingRelation.EXACT) return a;
  if (a === MappingRelation.RELATED || b === MappingRelation.RELATED) return MappingRelation.RELATED;
  if (a === MappingRelation.CLOSE) return b;
  if (b === MappingRelation.CLOSE) return a;
  return a === b ? a : MappingRelation.RELATED;
}

/** A level, by its scheme's slug and its own code. */
export interface LevelRef {
  scheme: string;
  level: string;
}

export const levelKey = (l: LevelRef) => `${l.scheme}/${l.level}`;

/** An approved mapping, as the computations see it. */
export interface MappingEdge {
  id: string;
  from: LevelRef;
  to: LevelRef;
  relation: MappingRelation;
}

/** One step of a translation: a mapping, followed forwards or backwards, and the relation read that way. */
export interface TranslationStep {
  mappingId: string;
  from: LevelRef;
  to: LevelRef;
  relation: MappingRelation;
}

export interface Translation {
  level: LevelRef;
  /** The path's relation: each step composed with the next. */
  relation: MappingRelation;
  path: TranslationStep[];
}

/** At most this many hops when a translation is asked to go through other schemes. */
export const MAX_HOPS = 3;

/** Every mapping of a level, followed both ways, read from that level. */
function stepsFrom(edges: MappingEdge[]): Map<string, TranslationStep[]> {
  const out = new Map<string, TranslationStep[]>();
  const add = (s: TranslationStep) => {
    const k = levelKey(s.from);
    out.set(k, [...(out.get(k) ?? []), s]);
  };
  for (const e of edges) {
    add({ mappingId: e.id, from: e.from, to: e.to, relation: e.relation });
    add({ mappingId: e.id, from: e.to, to: e.from, relation: inverse(e.relation) });
  }
  return out;
}

const better = (a: Translation, b: Translation) => {
  const s = RELATION_STRENGTH[a.relation] - RELATION_STRENGTH[b.relation];
  if (s !== 0) return s > 0;
  if (a.path.length !== b.path.length) return a.path.length < b.path.length;
  return a.path.map((p) => p.mappingId).join() < b.path.map((p) => p.mappingId).join();
};

/**
 * The levels of `target` that `start` translates to, each once, by its
 * strongest path (then the shortest, then the first by mapping ids). A path
 * never enters a scheme twice and ends at the first level of the target
 * scheme it reaches; with `maxHops` 1 only direct mappings count. In the
 * target scheme's level order (by rank, then code) when `order` is given.
 */
export function translate(
  edges: MappingEdge[],
  start: LevelRef,
  target: string,
  maxHops: number,
  order?: (a: LevelRef, b: LevelRef) => number,
): Translation[] {
  const steps = stepsFrom(edges);
  const best = new Map<string, Translation>();
  const walk = (at: LevelRef, path: TranslationStep[], relation: MappingRelation | null, schemes: Set<string>) => {
    for (const s of steps.get(levelKey(at)) ?? []) {
      if (schemes.has(s.to.scheme)) continue;
      const r = relation === null ? s.relation : compose(relation, s.relation);
      const next = [...path, s];
      if (s.to.scheme === target) {
        const found: Translation = { level: s.to, relation: r, path: next };
        const k = levelKey(s.to);
        const had = best.get(k);
        if (!had || better(found, had)) best.set(k, found);
      } else if (next.length < maxHops) {
        walk(s.to, next, r, new Set([...schemes, s.to.scheme]));
      }
    }
  };
  walk(start, [], null, new Set([start.scheme]));
  const out = [...best.values()];
  return order ? out.sort((a, b) => order(a.level, b.level)) : out;
}

/** A scheme with its levels in order, as the matrix needs it. */
export interface SchemeLevels {
  slug: string;
  levels: string[];
}

export interface CrosswalkCell {
  row: LevelRef;
  column: LevelRef;
  /** The relation read from the row's level to the column's. */
  relation: MappingRelation;
  mappingIds: string[];
}

export interface SchemePairCount {
  from: string;
  to: string;
  mappingCount: number;
}

export interface CrosswalkMatrix {
  levels: LevelRef[];
  /** The cells that hold a direct mapping, both ways (each mapping gives two cells), in row then column order. */
  cells: CrosswalkCell[];
  /** Every pair of the schemes, in the order given, with its number of mappings. */
  pairs: SchemePairCount[];
  /** Levels with no mapping to any of the other schemes asked for. */
  unmappedLevels: LevelRef[];
}

/**
 * The level × level matrix of two or more schemes from their direct
 * mappings. Two mappings between the same levels (one each way) share a
 * cell, which keeps the stronger relation.
 */
export function crosswalkMatrix(schemes: SchemeLevels[], edges: MappingEdge[]): CrosswalkMatrix {
  const levels = schemes.flatMap((s) => s.levels.map((level) => ({ scheme: s.slug, level })));
  const position = new Map(levels.map((l, i) => [levelKey(l), i]));
  const inScope = edges.filter(
    (e) => position.has(levelKey(e.from)) && position.has(levelKey(e.to)) && e.from.scheme !== e.to.scheme,
  );
  const cells = new Map<string, CrosswalkCell>();
  const put = (row: LevelRef, column: LevelRef, relation: MappingRelation, id: string) => {
    const k = `${levelKey(row)}>${levelKey(column)}`;
    const had = cells.get(k);
    if (!had) cells.set(k, { row, column, relation, mappingIds: [id] });
    else {
      had.mappingIds.push(id);
      if (RELATION_STRENGTH[relation] > RELATION_STRENGTH[had.relation]) had.relation = relation;
    }
  };
  for (const e of inScope) {
    put(e.from, e.to, e.relation, e.id);
    put(e.to, e.from, inverse(e.relation), e.id);
  }
  const pairs: SchemePairCount[] = [];
  schemes.forEach((a, i) =>
    schemes.slice(i + 1).forEach((b) =>
      pairs.push({
        from: a.slug,
        to: b.slug,
        mappingCount: inScope.filter(
          (e) =>
            (e.from.scheme === a.slug && e.to.scheme === b.slug) ||
            (e.from.scheme === b.slug && e.to.scheme === a.slug),
        ).length,
      }),
    ),
  );
  const mapped = new Set(inScope.flatMap((e) => [levelKey(e.from), levelKey(e.to)]));
  const at = (l: LevelRef) => position.get(levelKey(l)) ?? 0;
  return {
    levels,
    cells: [...cells.values()].sort((a, b) => at(a.row) - at(b.row) || at(a.column) - at(b.column)),
    pairs,
    unmappedLevels: levels.filter((l) => !mapped.has(levelKey(l))),
  };
}

/** Disjoint sets of string keys (union-find with path compression), for the two groupings below. */
function disjointSets() {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    const p = parent.get(x) ?? x;
    if (p === x) return x;
    const root = find(p);
    parent.set(x, root);
    return root;
  };
  const union = (x: string, y: string) => {
    const a = find(x);
    const b = find(y);
    if (a !== b) parent.set(a, b);
  };
  return { find, union };
}

/**
 * The schemes each scheme can be translated to through any number of
 * mappings: the connected components of the scheme graph.
 */
export function reachableSchemes(edges: MappingEdge[]): (a: string, b: string) => boolean {
  const { find, union } = disjointSets();
  for (const e of edges) union(e.from.scheme, e.to.scheme);
  return (a, b) => a === b || find(a) === find(b);
}

export interface MappingCandidate {
  fromScheme: string;
  fromLevel: string;
  toScheme: string;
  toLevel: string;
  relation: MappingRelation;
}

export interface MappingProblem {
  field: string;
  message: string;
  code: "INVALID" | "NOT_FOUND" | "DUPLICATE" | "CONFLICT";
}

/**
 * What is wrong with a mapping, against the schemes' levels and the
 * mappings already in force (approved, and for a proposal those pending
 * too): an unknown scheme or level, a mapping within one scheme, a second
 * mapping between the same two levels, or a contradiction. Levels joined by
 * EXACT mappings (in any number of steps) are one class; a contradiction is
 * two levels of one scheme in one class (a scheme's levels are distinct),
 * or a BROADER or NARROWER mapping inside one class (a level cannot be
 * strictly broader than one it equals).
 */
export function mappingProblems(
  m: MappingCandidate,
  levelsOf: (scheme: string) => string[] | undefined,
  existing: MappingEdge[],
): MappingProblem[] {
  const out: MappingProblem[] = [];
  for (const [side, scheme, level] of [
    ["from", m.fromScheme, m.fromLevel],
    ["to", m.toScheme, m.toLevel],
  ] as const) {
    const levels = levelsOf(scheme);
    if (!levels)
      out.push({ field: `${side}Scheme`, message: `no classification scheme "${scheme}"`, code: "NOT_FOUND" });
    else if (!levels.includes(level))
      out.push({ field: `${side}Level`, message: `scheme "${scheme}" has no level "${level}"`, code: "NOT_FOUND" });
  }
  if (out.length) return out;
  if (m.fromScheme === m.toScheme) {
    const self = m.fromLevel === m.toLevel;
    return [
      {
        field: "toLevel",
        message: self
          ? "a level cannot be mapped to itself"
          : "a mapping links levels of two different schemes; levels of one scheme are ordered by rank",
        code: "INVALID",
      },
    ];
  }
  const from = { scheme: m.fromScheme, level: m.fromLevel };
  const to = { scheme: m.toScheme, level: m.toLevel };
  const same = (a: LevelRef, b: LevelRef) => levelKey(a) === levelKey(b);
  if (existing.some((e) => (same(e.from, from) && same(e.to, to)) || (same(e.from, to) && same(e.to, from)))) {
    return [{ field: "toLevel", message: "these two levels are already mapped (or proposed)", code: "DUPLICATE" }];
  }
  const all: MappingEdge[] = [...existing, { id: "", from, to, relation: m.relation }];
  const classOf = exactClasses(all);
  const hierarchical = all.filter(
    (e) => e.relation === MappingRelation.BROADER || e.relation === MappingRelation.NARROWER,
  );
  const clash = hierarchical.find((e) => classOf(e.from) === classOf(e.to));
  if (clash) {
    out.push({
      field: "relation",
      message: `contradiction: ${levelKey(clash.from)} and ${levelKey(clash.to)} would be both EXACT matches (through a chain of EXACT mappings) and ${clash.relation} matches`,
      code: "CONFLICT",
    });
  } else {
    const members = new Map<string, LevelRef[]>();
    for (const e of all)
      for (const l of [e.from, e.to]) {
        const c = classOf(l);
        const list = members.get(c) ?? [];
        if (!list.some((x) => same(x, l))) members.set(c, [...list, l]);
      }
    for (const list of members.values()) {
      const seen = new Map<string, LevelRef>();
      for (const l of list) {
        const other = seen.get(l.scheme);
        if (other) {
          out.push({
            field: "relation",
            message: `contradiction: EXACT mappings would make two levels of "${l.scheme}" (${other.level} and ${l.level}) the same`,
            code: "CONFLICT",
          });
          return out;
        }
        seen.set(l.scheme, l);
      }
    }
  }
  return out;
}

/** The EXACT class of each level: levels joined by a chain of EXACT mappings share one. */
function exactClasses(edges: MappingEdge[]): (l: LevelRef) => string {
  const { find, union } = disjointSets();
  for (const e of edges) if (e.relation === MappingRelation.EXACT) union(levelKey(e.from), levelKey(e.to));
  return (l) => find(levelKey(l));
}

/**
 * What is wrong with a scheme's levels taken together: a code or a rank
 * that two levels share. Codes name levels in mappings and translations,
 * ranks order them; either repeated makes one level ambiguous. Each problem
 * names the later of the two levels by its index.
 */
export function levelSetProblems(
  levels: { code: string; rank: number }[],
): { index: number; field: "code" | "rank"; message: string }[] {
  const out: { index: number; field: "code" | "rank"; message: string }[] = [];
  const codes = new Map<string, number>();
  const ranks = new Map<number, string>();
  levels.forEach((l, index) => {
    if (codes.has(l.code)) out.push({ index, field: "code", message: `duplicate level code "${l.code}"` });
    else codes.set(l.code, index);
    const holder = ranks.get(l.rank);
    if (holder !== undefined)
      out.push({ index, field: "rank", message: `duplicate rank ${l.rank}: level "${holder}" has it` });
    else ranks.set(l.rank, l.code);
  });
  return out;
}
