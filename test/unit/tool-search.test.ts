import { Types } from "mongoose";
import { Eligibility, LicenseModel, ListingKind } from "../../src/catalog/enums";
import { EMPTY_FILTER, filterAndFacet, filterOnly, ResolvedFilter } from "../../src/search/tool-search";
import { foldText } from "../../src/common/text";
import { searchDoc } from "../helpers/search-docs";

const id = () => new Types.ObjectId();
const caps = { detection: id(), hash: id(), victim: id(), lab: id() };
const ancestors = new Map<string, string[]>([
  [caps.detection.toHexString(), [caps.detection.toHexString()]],
  [caps.hash.toHexString(), [caps.detection.toHexString(), caps.hash.toHexString()]],
  [caps.victim.toHexString(), [caps.victim.toHexString()]],
  [caps.lab.toHexString(), [caps.victim.toHexString(), caps.lab.toHexString()]],
]);
const orgA = id();
const orgB = id();

const doc = searchDoc;

const docs = [
  doc("hasher", {
    capabilities: [caps.hash],
    mediaTypes: ["IMAGE"],
    servedJurisdictions: ["GB", "US"],
    organisation: orgA,
    offers: [
      { model: LicenseModel.COMMERCIAL, eligibility: [Eligibility.LAW_ENFORCEMENT] },
      { model: LicenseModel.FREE, eligibility: [Eligibility.NGO] },
    ],
  }),
  doc("free-le", {
    capabilities: [caps.detection],
    mediaTypes: ["VIDEO"],
    servedJurisdictions: ["FR"],
    organisation: orgB,
    offers: [{ model: LicenseModel.FREE_FOR_ELIGIBLE, eligibility: [Eligibility.LAW_ENFORCEMENT] }],
  }),
  doc("public-lab", {
    kind: ListingKind.LAB,
    capabilities: [caps.lab],
    servedJurisdictions: ["US"],
    offers: [{ model: LicenseModel.FREE, eligibility: [Eligibility.PUBLIC] }],
    standards: ["Project VIC"],
  }),
  doc("unknown-terms", { capabilities: [caps.victim], organisation: orgA }),
];

const ctx = {
  capabilityAncestors: ancestors,
  organisationType: (id: string) =>
    new Map([
      [orgA.toHexString(), "COMPANY"],
      [orgB.toHexString(), "NGO"],
    ]).get(id),
};
const run = (f: Partial<ResolvedFilter>) => filterAndFacet(docs, { ...EMPTY_FILTER, ...f }, ctx);
const slugs = (f: Partial<ResolvedFilter>) => run(f).matches.map((d) => d.slug);

describe("filterAndFacet", () => {
  it("matches everything with no filter and counts every facet", () => {
    const { matches, facets } = run({});
    expect(matches).toHaveLength(4);
    expect(facets.capabilities.get(caps.detection.toHexString())).toBe(2);
    expect(facets.capabilities.get(caps.victim.toHexString())).toBe(2);
    expect(facets.kinds.get("LAB")).toBe(1);
    expect(facets.jurisdictions.get("US")).toBe(2);
    expect(facets.organisationTypes.get("COMPANY")).toBe(2);
    expect(facets.licenseModels.get("UNKNOWN")).toBe(1);
  });

  it("matches a capability filter by subtree ids", () => {
    expect(slugs({ capabilities: new Set([caps.victim.toHexString(), caps.lab.toHexString()]) })).toEqual([
      "public-lab",
      "unknown-terms",
    ]);
  });

  it("requires the same offer to meet eligibility and licence model", () => {
    // hasher is commercial for law enforcement and free only for NGOs: not free for law enforcement.
    const le = new Set([Eligibility.LAW_ENFORCEMENT]);
    expect(
      slugs({ eligibleFor: le, licenseModels: new Set([LicenseModel.FREE, LicenseModel.FREE_FOR_ELIGIBLE]) }),
    ).toEqual(["free-le", "public-lab"]);
    expect(slugs({ eligibleFor: le })).toEqual(["hasher", "free-le", "public-lab"]);
  });

  it("treats listings with no stated terms as licence UNKNOWN", () => {
    expect(slugs({ licenseModels: new Set([LicenseModel.UNKNOWN]) })).toEqual(["unknown-terms"]);
  });

  it("lifts a facet's own filter when counting it, and keeps the others", () => {
    const { matches, facets } = run({ kinds: new Set(["LAB"]), jurisdictions: new Set(["US"]) });
    expect(matches.map((d) => d.slug)).toEqual(["public-lab"]);
    expect(facets.kinds.get("TOOL")).toBe(1); // hasher is in the US
    expect(facets.kinds.get("LAB")).toBe(1);
    expect(facets.jurisdictions.get("FR")).toBeUndefined(); // free-le is not a LAB
    expect(facets.jurisdictions.get("US")).toBe(1);
    expect(facets.mediaTypes.size).toBe(0);
  });

  it("counts eligibility under the licence filter and a public offer for everyone", () => {
    const { facets } = run({ licenseModels: new Set([LicenseModel.FREE]) });
    expect(facets.eligibility.get("NGO")).toBe(2); // hasher's NGO offer, public-lab's public offer
    expect(facets.eligibility.get("LAW_ENFORCEMENT")).toBe(1); // public-lab only
  });

  it("matches standards without regard to case", () => {
    expect(slugs({ standards: new Set([foldText("PROJECT vic")]) })).toEqual(["public-lab"]);
  });

  it("filters alone exactly as it filters while counting facets", () => {
    const filters: Partial<ResolvedFilter>[] = [
      {},
      { kinds: new Set(["LAB"]), jurisdictions: new Set(["US"]) },
      { eligibleFor: new Set([Eligibility.LAW_ENFORCEMENT]), licenseModels: new Set([LicenseModel.FREE]) },
      { capabilities: new Set([caps.detection.toHexString()]), organisationTypes: new Set(["NGO"]) },
      { licenseModels: new Set([LicenseModel.UNKNOWN]) },
    ];
    for (const f of filters) {
      const full = { ...EMPTY_FILTER, ...f };
      expect(filterOnly(docs, full, ctx)).toEqual(filterAndFacet(docs, full, ctx).matches);
    }
  });

  it("returns nothing, with zero facets, for an empty catalogue", () => {
    const r = filterAndFacet([], EMPTY_FILTER, ctx);
    expect(r.matches).toEqual([]);
    expect(r.facets.kinds.size).toBe(0);
  });
});

describe("foldText", () => {
  it("folds case, accents and spacing", () => {
    expect(foldText("  Çafé   Ünïcode ")).toBe("cafe unicode");
  });
});
