import { Types } from "mongoose";
import { AvailabilityStatus, ListingKind, PublicationState, Visibility } from "../../src/catalog/enums";
import { derivedToolFields } from "../../src/catalog/tools/tool.derive";
import { bumpCatalogueRevision } from "../../src/catalog/snapshot";
import { startTestApp, TestApp } from "../helpers/app";
import { publicListings } from "../helpers/seed-facts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: true });
  const cap = await t.models.Capability.findOne({ slug: "age-estimation" }).lean();
  const base = {
    kind: ListingKind.TOOL,
    aliases: [],
    organisation: null,
    summary: "Zyxwv restricted test listing.",
    capabilities: [cap!._id],
    availability: [{ jurisdiction: "US", status: AvailabilityStatus.IN_USE, notes: null }],
    offers: [],
    sources: [{ document: null, url: "https://example.org/x", locator: "x", unverified: true }],
  };
  for (const [slug, visibility, state] of [
    ["hidden-le-only", Visibility.LAW_ENFORCEMENT, PublicationState.PUBLISHED],
    ["hidden-members", Visibility.MEMBERS, PublicationState.PUBLISHED],
    ["hidden-draft", Visibility.PUBLIC, PublicationState.DRAFT],
  ] as const) {
    await t.models.Tool.create({
      _id: new Types.ObjectId(),
      ...base,
      slug,
      name: `Zyxwv ${slug}`,
      visibility,
      publicationState: state,
      ...derivedToolFields({ ...base, name: `Zyxwv ${slug}` }, null),
    });
  }
  await bumpCatalogueRevision(t.models);
});
afterAll(async () => {
  await t.close();
});

describe("until accounts exist, only published PUBLIC listings are served", () => {
  it("does not return or count restricted and draft listings anywhere", async () => {
    const r = await t.gql<{
      tools: {
        totalCount: number;
        facets: { capabilities: { value: string; count: number }[]; jurisdictions: { value: string; count: number }[] };
      };
      search: { totalCount: number };
      capability: { toolCount: number };
    }>(`{
      tools(first: 1) { totalCount facets { capabilities { value count } jurisdictions { value count } } }
      search: tools(search: "zyxwv", first: 5) { totalCount }
      capability(slug: "age-estimation") { toolCount }
    }`);
    expect(r.errors).toBeUndefined();
    expect(r.data!.tools.totalCount).toBe(publicListings.length);
    expect(r.data!.search.totalCount).toBe(0);
    const ageCount = publicListings.filter((l) => l.capabilities.includes("age-estimation")).length;
    expect(r.data!.capability.toolCount).toBe(ageCount);
    expect(r.data!.tools.facets.capabilities.find((f) => f.value === "age-estimation")?.count ?? 0).toBe(ageCount);
    for (const slug of ["hidden-le-only", "hidden-members", "hidden-draft"]) {
      const one = await t.gql(`{ tool(slug: "${slug}") { slug } }`);
      expect(one.data).toEqual({ tool: null });
    }
  });
});
