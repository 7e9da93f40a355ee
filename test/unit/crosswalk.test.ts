import {
  compose,
  inverse,
  levelSetProblems,
  MappingEdge,
  MappingRelation as R,
  mappingProblems,
  reachableSchemes,
  translate,
} from "../../src/crosswalk/crosswalk";

const edge = (id: string, from: string, to: string, relation: R): MappingEdge => {
  const [fs, fl] = from.split("/");
  const [ts, tl] = to.split("/");
  return { id, from: { scheme: fs, level: fl }, to: { scheme: ts, level: tl }, relation };
};

describe("relations along a path", () => {
  it("keep the weaker of two steps; up then down is RELATED", () => {
    expect(compose(R.EXACT, R.NARROWER)).toBe(R.NARROWER);
    expect(compose(R.CLOSE, R.CLOSE)).toBe(R.CLOSE);
    expect(compose(R.CLOSE, R.BROADER)).toBe(R.BROADER);
    expect(compose(R.BROADER, R.BROADER)).toBe(R.BROADER);
    expect(compose(R.BROADER, R.NARROWER)).toBe(R.RELATED);
    expect(compose(R.NARROWER, R.BROADER)).toBe(R.RELATED);
    expect(compose(R.RELATED, R.EXACT)).toBe(R.RELATED);
  });

  it("read backwards, swap BROADER and NARROWER only", () => {
    expect(Object.values(R).map(inverse)).toEqual([R.EXACT, R.CLOSE, R.NARROWER, R.BROADER, R.RELATED]);
  });
});

describe("translate", () => {
  const edges = [
    edge("1", "a/1", "b/1", R.CLOSE),
    edge("2", "b/1", "c/X", R.BROADER),
    edge("3", "a/1", "d/1", R.EXACT),
    edge("4", "d/1", "c/X", R.EXACT),
    edge("5", "c/Y", "a/1", R.BROADER),
  ];

  it("takes direct mappings only by default, both ways", () => {
    expect(translate(edges, { scheme: "a", level: "1" }, "c", 1).map((t) => [t.level.level, t.relation])).toEqual([
      ["Y", R.NARROWER],
    ]);
  });

  it("keeps the strongest path to each level, then the shortest", () => {
    const [x] = translate(edges, { scheme: "a", level: "1" }, "c", 2).filter((t) => t.level.level === "X");
    expect(x.relation).toBe(R.EXACT);
    expect(x.path.map((p) => p.mappingId)).toEqual(["3", "4"]);
  });

  it("never enters a scheme twice", () => {
    const loop = [edge("1", "a/1", "b/1", R.EXACT), edge("2", "b/1", "a/2", R.EXACT), edge("3", "a/2", "c/1", R.EXACT)];
    expect(translate(loop, { scheme: "a", level: "1" }, "c", 3)).toEqual([]);
  });
});

describe("mappingProblems", () => {
  const levels = (s: string) => ({ a: ["1", "2"], b: ["1"], c: ["1"] })[s];
  const m = (fromScheme: string, fromLevel: string, toScheme: string, toLevel: string, relation: R) => ({
    fromScheme,
    fromLevel,
    toScheme,
    toLevel,
    relation,
  });

  it("accepts a new mapping that agrees with those in force", () => {
    expect(mappingProblems(m("a", "1", "b", "1", R.CLOSE), levels, [])).toEqual([]);
  });

  it("refuses two levels of one scheme made equal by EXACT mappings", () => {
    const existing = [edge("1", "a/1", "b/1", R.EXACT)];
    expect(mappingProblems(m("b", "1", "a", "2", R.EXACT), levels, existing).map((p) => p.code)).toEqual(["CONFLICT"]);
  });

  it("refuses a BROADER mapping between levels an EXACT chain makes equal, in either order of arrival", () => {
    const chain = [edge("1", "a/1", "b/1", R.EXACT), edge("2", "b/1", "c/1", R.EXACT)];
    expect(mappingProblems(m("a", "1", "c", "1", R.BROADER), levels, chain).map((p) => p.code)).toEqual(["CONFLICT"]);
    const narrower = [edge("1", "a/1", "c/1", R.NARROWER), edge("2", "a/1", "b/1", R.EXACT)];
    expect(mappingProblems(m("b", "1", "c", "1", R.EXACT), levels, narrower).map((p) => p.code)).toEqual(["CONFLICT"]);
  });
});

it("reachableSchemes links schemes through any number of mappings", () => {
  const reach = reachableSchemes([edge("1", "a/1", "b/1", R.RELATED), edge("2", "b/1", "c/1", R.RELATED)]);
  expect(reach("a", "c")).toBe(true);
  expect(reach("a", "d")).toBe(false);
});

it("levelSetProblems names the later of two levels sharing a code or a rank", () => {
  expect(
    levelSetProblems([
      { code: "A", rank: 1 },
      { code: "B", rank: 2 },
    ]),
  ).toEqual([]);
  expect(
    levelSetProblems([
      { code: "A", rank: 1 },
      { code: "B", rank: 1 },
      { code: "A", rank: 3 },
    ]),
  ).toEqual([
    { index: 1, field: "rank", message: 'duplicate rank 1: level "A" has it' },
    { index: 2, field: "code", message: 'duplicate level code "A"' },
  ]);
});
