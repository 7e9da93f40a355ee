import fc from "fast-check";
import {
  compareKeys,
  decodeCursor,
  encodeCursor,
  Page,
  paginate,
  keyedOrder,
  paginateKeyed,
  paginateUnsorted,
  queryFingerprint,
} from "../../src/common/pagination";

describe("cursors", () => {
  const fp = queryFingerprint({ q: "x" });

  it("round-trip the sort key", () => {
    expect(decodeCursor(encodeCursor(fp, ["a", 1, null]), fp, 3)).toEqual(["a", 1, null]);
  });

  it.each([
    ["empty", ""],
    ["not base64url", "%%%"],
    ["not JSON", Buffer.from("nope").toString("base64url")],
    ["wrong version", Buffer.from(JSON.stringify({ v: 2, q: "x", k: [] })).toString("base64url")],
    ["object in key", Buffer.from(JSON.stringify({ v: 1, q: fp, k: [{ $gt: "" }] })).toString("base64url")],
    ["too long", "a".repeat(1001)],
  ])("reject a malformed cursor: %s", (_n, cursor) => {
    expect(() => decodeCursor(cursor, fp, 1)).toThrow(/after: malformed cursor/);
  });

  it("reject a cursor from another query", () => {
    expect(() => decodeCursor(encodeCursor(queryFingerprint({ q: "y" }), ["a"]), fp, 1)).toThrow(/different/);
  });

  it("order nulls last", () => {
    expect(compareKeys([null, "a"], [1, "a"])).toBe(1);
    expect(compareKeys([1, "a"], [1, "b"])).toBe(-1);
    expect(compareKeys([2], [2])).toBe(0);
  });
});

describe("paginate", () => {
  const items = ["a", "b", "c", "d", "e"];
  const key = (s: string) => [s];
  const fp = queryFingerprint("letters");

  it("walks every item once, in order", () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const p: ReturnType<typeof paginate<string>> = paginate(items, key, fp, 2, after);
      seen.push(...p.items.map((x) => x.item));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(seen).toEqual(items);
  });

  it("keeps its place when an item is added before the cursor", () => {
    const first = paginate(items, key, fp, 2, null);
    const next = paginate(["0", ...items], key, fp, 2, first.pageInfo.endCursor);
    expect(next.items.map((x) => x.item)).toEqual(["c", "d"]);
    expect(next.pageInfo.hasPreviousPage).toBe(true);
  });
});

describe("paginateUnsorted and paginateKeyed", () => {
  it("cut the same pages as paginate over the sorted items, cursor after cursor", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -5, max: 5 }), fc.string({ maxLength: 3 })), { maxLength: 60 }),
        fc.integer({ min: 1, max: 7 }),
        (pairs, first) => {
          // Unique keys, as every order of the API ends in a unique field.
          const items = [...new Map(pairs.map(([n, s]) => [`${n}|${s}`, { n, s }])).values()];
          const key = (i: { n: number; s: string }) => [-i.n, i.s];
          const fp = queryFingerprint({ q: "unsorted" });
          const sorted = [...items].sort((a, b) => compareKeys(key(a), key(b)));
          let after: string | null = null;
          for (let page = 0; page < 100; page++) {
            const want: Page<{ n: number; s: string }> = paginate(sorted, key, fp, first, after);
            expect(paginateUnsorted(items, key, fp, first, after)).toEqual(want);
            expect(paginateKeyed(keyedOrder(items, key), fp, first, after)).toEqual(want);
            if (!want.pageInfo.hasNextPage) break;
            after = want.pageInfo.endCursor;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
