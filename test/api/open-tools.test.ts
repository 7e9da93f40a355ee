import { GqlResponse, startTestApp, TestApp } from "../helpers/app";
import { publicListings, seed, slugsOf } from "../helpers/seed-facts";
import { LicenseModel, MediaType } from "../../src/catalog/enums";

/**
 * Today's open tools, from the awesome-safety-tools list, over HTTP on the
 * seeded catalogue: a procurement officer who asks for an open-source
 * perceptual hash for video finds the video hashes, and every open-source
 * listing comes back with the SPDX licence its sources name. Expected answers
 * are read from the seed files, not written out here.
 */

interface Node {
  slug: string;
  mediaTypes: string[];
  capabilities: { slug: string }[];
  organisation: { slug: string; aliases: string[] } | null;
  offers: { model: string; spdxLicense: string | null }[];
  sources: { document: { url: string | null } | null; url: string | null; locator: string }[];
}
interface ListingsData {
  listings: {
    totalCount: number;
    edges: { node: Node }[];
    pageInfo: { hasNextPage: boolean };
  };
}

const LISTINGS = `query($s: String, $f: ListingFilter) {
  listings(search: $s, filter: $f, first: 100) {
    totalCount
    edges { node {
      slug mediaTypes capabilities { slug } organisation { slug aliases }
      offers { model spdxLicense } sources { document { url } url locator }
    } }
    pageInfo { hasNextPage }
  }
}`;

const LIST = seed.documents.find((d) => d.slug === "awesome-safety-tools");
const fromList = publicListings.filter((l) => l.sources.some((s) => s.document === LIST?.slug));
/** What an offer list looks like both in the seed files and in an answer. */
type Offered = { offers: { model: string; spdxLicense: string | null }[] };
const isOpenSource = (l: Offered) => l.offers.some((o) => o.model === LicenseModel.OPEN_SOURCE);
const spdxOf = (l: Offered) =>
  l.offers
    .filter((o) => o.model === LicenseModel.OPEN_SOURCE)
    .map((o) => o.spdxLicense)
    .sort();
const bySlug = (slug: string) => {
  const l = seed.listings.find((x) => x.slug === slug);
  if (!l) throw new Error(`no listing ${slug} in the seed`);
  return l;
};

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: true });
});
afterAll(async () => {
  await t.close();
});

/** One page of up to 100 listings: every question here has fewer answers than that. */
async function listings(variables: Record<string, unknown>): Promise<Node[]> {
  const r: GqlResponse<ListingsData> = await t.gql<ListingsData>(LISTINGS, variables);
  expect(r.errors).toBeUndefined();
  expect(r.data!.listings.pageInfo.hasNextPage).toBe(false);
  return r.data!.listings.edges.map((e) => e.node);
}

describe("open tools from the awesome-safety-tools list", () => {
  it("are in the seed, each citing the list and its own repository", () => {
    expect(LIST?.url).toBe("https://github.com/roostorg/awesome-safety-tools");
    expect(fromList.length).toBeGreaterThan(0);
    for (const l of fromList) {
      expect(l.sources.find((s) => s.document === LIST?.slug)?.locator).toMatch(/^§ /);
      expect(l.sources.some((s) => s.url?.startsWith("https://github.com/") && s.locator.length > 0)).toBe(true);
    }
  });

  it("answer a search for an open-source perceptual hash for video with the video hashes and their licences", async () => {
    const video = ["tmk-pdqf", "vpdq"].map(bySlug);
    for (const l of video) {
      expect(l.mediaTypes).toContain("VIDEO");
      expect(l.capabilities).toEqual(expect.arrayContaining(["perceptual-hashing", "video-fingerprinting"]));
      expect(isOpenSource(l)).toBe(true);
    }
    // Every open-source video perceptual hash the list brought, whatever its slug.
    const expected = fromList.filter(
      (l) => isOpenSource(l) && l.mediaTypes.includes(MediaType.VIDEO) && l.capabilities.includes("perceptual-hashing"),
    );

    const found = await listings({ s: "video perceptual hash", f: { licenseModels: ["OPEN_SOURCE"] } });
    const slugs = found.map((n) => n.slug);
    expect(slugs).toEqual(expect.arrayContaining(slugsOf(expected)));
    expect(slugs).toEqual(expect.arrayContaining(video.map((l) => l.slug)));
    for (const n of found) {
      expect(n.offers.some((o) => o.model === "OPEN_SOURCE")).toBe(true);
      expect(spdxOf(n)).toEqual(spdxOf(bySlug(n.slug)));
    }
    for (const l of video) {
      const n = found.find((x) => x.slug === l.slug);
      expect(n?.mediaTypes).toContain("VIDEO");
      expect(spdxOf(n!)).toEqual(spdxOf(l));
      expect(spdxOf(n!).every((s) => typeof s === "string" && s.length > 0)).toBe(true);
    }
  });

  it("come back from licenseModels: [OPEN_SOURCE] with the SPDX licence their sources name, and cite the licence file", async () => {
    const expected = publicListings.filter(isOpenSource);
    expect(expected.length).toBeGreaterThan(0);
    const found = await listings({ f: { licenseModels: ["OPEN_SOURCE"] } });
    expect(found.map((n) => n.slug).sort()).toEqual(slugsOf(expected));
    for (const n of found) {
      const l = bySlug(n.slug);
      expect(spdxOf(n)).toEqual(spdxOf(l));
      expect(spdxOf(n).every((s) => typeof s === "string" && s.length > 0)).toBe(true);
      expect(n.sources.some((s) => s.document?.url === LIST?.url)).toBe(true);
      expect(n.sources.some((s) => s.url && /licen[cs]e/i.test(`${s.url} ${s.locator}`))).toBe(true);
    }
  });

  it("whose licence file was not read are UNKNOWN, not open source", async () => {
    const unread = fromList.filter((l) => !isOpenSource(l) && l.offers.some((o) => o.model === "UNKNOWN"));
    expect(unread.length).toBeGreaterThan(0);
    const owners = [...new Set(unread.map((l) => l.organisation).filter((o): o is string => o !== null))];
    const found = await listings({ f: { licenseModels: ["UNKNOWN"], organisations: owners } });
    const slugs = found.map((n) => n.slug);
    expect(slugs).toEqual(expect.arrayContaining(slugsOf(unread)));
    for (const n of found.filter((x) => unread.some((l) => l.slug === x.slug))) {
      expect(n.offers.every((o) => o.spdxLicense === null)).toBe(true);
    }
  });

  it("are found under the owner's newer name, matched to the organisation the reports knew", async () => {
    const meta = seed.organisations.find((o) => o.aliases.includes("Meta"));
    expect(meta).toBeDefined();
    const owned = fromList.filter(
      (l) =>
        l.organisation === meta?.slug &&
        l.mediaTypes.includes(MediaType.VIDEO) &&
        l.capabilities.includes("perceptual-hashing"),
    );
    const found = await listings({ s: "meta video hash" });
    expect(found.map((n) => n.slug)).toEqual(expect.arrayContaining(slugsOf(owned)));
    for (const n of found.filter((x) => owned.some((l) => l.slug === x.slug))) {
      expect(n.organisation?.slug).toBe(meta?.slug);
      expect(n.organisation?.aliases).toContain("Meta");
    }
  });
});
