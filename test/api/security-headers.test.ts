import { request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { startTestApp, TestApp } from "../helpers/app";

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await startTestApp({ seed: true });
  base = t.runtime.url.replace(/\/graphql$/, "");
});
afterAll(async () => {
  await t.close();
});

/** A GET or HEAD as the wire carries it: Node's fetch would decompress the body and hide the encoding. */
function rawGet(
  url: string,
  headers: Record<string, string>,
  method = "GET",
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** A body decoded by its Content-Encoding. */
function decoded(res: { headers: Record<string, string | string[] | undefined>; body: Buffer }): Buffer {
  const encoding = res.headers["content-encoding"];
  if (encoding === "br") return brotliDecompressSync(res.body);
  if (encoding === "gzip") return gunzipSync(res.body);
  expect(encoding).toBeUndefined();
  return res.body;
}

/** A Content-Security-Policy header as directive → sources. */
function parseCsp(header: string | null): Map<string, string[]> {
  const policy = new Map<string, string[]>();
  for (const part of (header ?? "").split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name && !policy.has(name)) policy.set(name.toLowerCase(), sources);
  }
  return policy;
}

/** The sources a browser applies to a fetch of the given kind, following CSP's fallback chains. */
function effective(policy: Map<string, string[]>, chain: string[]): string[] | undefined {
  for (const d of chain) {
    const sources = policy.get(d);
    if (sources) return sources;
  }
  return undefined;
}

const SCRIPT = ["script-src-elem", "script-src", "default-src"];
const SCRIPT_ATTR = ["script-src-attr", "script-src", "default-src"];

function expectStrictHeaders(res: Response, what: string) {
  const h = res.headers;
  expect({ what, nosniff: h.get("x-content-type-options") }).toEqual({ what, nosniff: "nosniff" });
  expect({ what, referrer: h.get("referrer-policy") }).toEqual({ what, referrer: "no-referrer" });
  expect({ what, frame: h.get("x-frame-options") }).toEqual({ what, frame: "DENY" });
  const csp = parseCsp(h.get("content-security-policy"));
  expect({ what, csp: Object.fromEntries(csp) }).toEqual({
    what,
    csp: {
      "default-src": ["'none'"],
      "frame-ancestors": ["'none'"],
      "base-uri": ["'none'"],
      "form-action": ["'none'"],
    },
  });
}

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

describe("security headers", () => {
  it("are on every kind of response: health, metrics, GraphQL, exports, errors and 404s", async () => {
    const responses: [string, Promise<Response>, number][] = [
      ["livez", fetch(`${base}/livez`), 200],
      ["readyz", fetch(`${base}/readyz`), 200],
      ["metrics", fetch(`${base}/metrics`), 200],
      ["graphql", post(JSON.stringify({ query: "{ __typename }" })), 200],
      ["graphql validation error", post(JSON.stringify({ query: "{ nope }" })), 400],
      ["graphql malformed JSON", post("{"), 400],
      ["graphql body too large", post(JSON.stringify({ query: "{ __typename }", pad: "x".repeat(110_000) })), 413],
      ["graphql bad token", post(JSON.stringify({ query: "{ __typename }" }), { authorization: "Bearer ti_x" }), 401],
      ["graphql GET without a query", fetch(`${base}/graphql`, { headers: { accept: "application/json" } }), 400],
      ["gaps.csv", fetch(`${base}/reports/gaps.csv?jurisdictions=EU`), 200],
      ["gaps.json", fetch(`${base}/reports/gaps.json?jurisdictions=EU`), 200],
      ["gaps.svg", fetch(`${base}/reports/gaps.svg?jurisdictions=EU`), 200],
      ["duplication.csv", fetch(`${base}/reports/duplication.csv`), 200],
      ["duplication.json", fetch(`${base}/reports/duplication.json`), 200],
      ["export with a bad parameter", fetch(`${base}/reports/gaps.csv?depth=SIDEWAYS`), 400],
      ["unknown export", fetch(`${base}/reports/nothing.csv`), 404],
      ["shortlist export without a caller", fetch(`${base}/shortlists/x.csv`), 401],
      ["sign-in without a token", fetch(`${base}/auth/session`, { method: "POST" }), 401],
      ["sign-out without a session", fetch(`${base}/auth/session`, { method: "DELETE" }), 204],
      ["import, anonymous", fetch(`${base}/imports?dryRun=true`, { method: "POST", body: "slug\n" }), 401],
      ["unknown path", fetch(`${base}/nothing`), 404],
      ["unknown method", fetch(`${base}/livez`, { method: "DELETE" }), 404],
    ];
    for (const [what, pending, status] of responses) {
      const res = await pending;
      expect({ what, status: res.status }).toEqual({ what, status });
      expectStrictHeaders(res, what);
      await res.arrayBuffer();
    }
  });

  it("answers an unknown path in the API's error shape", async () => {
    const res = await fetch(`${base}/nothing`);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ errors: [{ message: "no such path", extensions: { code: "NOT_FOUND" } }] });
  });

  it("serve the SVG heatmap under a policy that forbids every script, and the SVG needs nothing it forbids", async () => {
    const res = await fetch(`${base}/reports/gaps.svg?jurisdictions=FIVE_EYES,EU`);
    expect(res.headers.get("content-disposition")).toMatch(/^inline;/);
    const csp = parseCsp(res.headers.get("content-security-policy"));
    expect(effective(csp, SCRIPT)).toEqual(["'none'"]);
    expect(effective(csp, SCRIPT_ATTR)).toEqual(["'none'"]);
    expect(effective(csp, ["style-src-attr", "style-src", "default-src"])).toEqual(["'none'"]);
    const svg = await res.text();
    expect(svg).toContain("<rect");
    // Presentation attributes (fill, stroke, font-size) are not styles; a style attribute or element,
    // a script, an event handler or a link to fetch would be blocked or is never wanted.
    expect(svg).not.toMatch(/\sstyle=|<style|<script|\son[a-z]+=|href=|<image|<foreignObject/i);
  });
});

/** What Chromium sends when a person opens a URL. */
const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

describe("the query editor at GET /graphql (outside production)", () => {
  it("is served to a browser under a policy that allows only the API's own scripts, styles and requests", async () => {
    const res = await fetch(`${base}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(Object.fromEntries(parseCsp(res.headers.get("content-security-policy")))).toEqual({
      "default-src": ["'none'"],
      "script-src": ["'self'"],
      "style-src": ["'self'"],
      "connect-src": ["'self'"],
      "font-src": ["data:"],
      "img-src": ["data:"],
      "object-src": ["'none'"],
      "frame-ancestors": ["'none'"],
      "base-uri": ["'none'"],
      "form-action": ["'none'"],
    });
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    const html = await res.text();
    // Nothing inline for the policy to block, and everything from the API's own asset path.
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(/\ssrc="\/graphql\/editor\/assets\/[^"]+\.js"/);
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(urls.filter((u) => !u.startsWith("/graphql/editor/assets/"))).toEqual([]);
    expect(urls.some((u) => u.endsWith(".css"))).toBe(true);
    for (const url of urls) {
      const asset = await fetch(`${base}${url}`);
      expect({ url, status: asset.status }).toEqual({ url, status: 200 });
      expect(asset.headers.get("content-type")).toMatch(url.endsWith(".css") ? /^text\/css/ : /^text\/javascript/);
      // Content-hashed names: cached for a year, never revalidated.
      expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(asset.headers.get("x-content-type-options")).toBe("nosniff");
      const body = await asset.text();
      // Nothing fetched from elsewhere: no absolute URL that a browser would load (fonts and images are data: URLs).
      if (url.endsWith(".css")) expect(body).not.toMatch(/url\(\s*["']?(?!data:)[a-z]+:|@import/i);
    }
  });

  it("answers a name that is not one of its assets with a 404 in the API's shape, not as GraphQL", async () => {
    for (const path of [
      "/graphql/editor/assets/nothing.js",
      "/graphql/editor/assets/",
      "/graphql/editor/assets/%2e%2e%2findex.html",
    ]) {
      const res = await fetch(`${base}${path}`, { headers: { accept: BROWSER_ACCEPT } });
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expectStrictHeaders(res, path);
      expect(await res.json()).toEqual({ errors: [{ message: "no such path", extensions: { code: "NOT_FOUND" } }] });
    }
  });

  it("leaves GET /graphql for GraphQL to every other client, with CSRF prevention as before", async () => {
    const url = `${base}/graphql?query=${encodeURIComponent("{ __typename }")}`;
    const preflighted = await fetch(url, { headers: { accept: "application/json", "apollo-require-preflight": "1" } });
    expect(preflighted.status).toBe(200);
    expect(await preflighted.json()).toMatchObject({ data: { __typename: "Query" } });
    expectStrictHeaders(preflighted, "GraphQL over GET");
    // A GET with no header a cross-site form or link could not send is refused, never executed.
    const simple = await fetch(url, { headers: { accept: "application/json" } });
    expect(simple.status).toBe(400);
    expect(await simple.text()).toMatch(/CSRF/);
  });

  it("is not served in production, where introspection is off: GET /graphql gets the strict headers", async () => {
    const prod = await startTestApp({ production: true });
    try {
      const res = await fetch(prod.runtime.url, { headers: { accept: BROWSER_ACCEPT } });
      expect(res.headers.get("content-type")).not.toMatch(/^text\/html/);
      expectStrictHeaders(res, "production GET /graphql");
      await res.arrayBuffer();
      const prodBase = prod.runtime.url.replace(/\/graphql$/, "");
      const page = await fetch(`${base}/graphql`, { headers: { accept: "text/html" } });
      const script = /src="(\/graphql\/editor\/assets\/[^"]+)"/.exec(await page.text())![1];
      const asset = await fetch(`${prodBase}${script}`);
      expect(asset.headers.get("content-type")).not.toMatch(/javascript/);
      await asset.arrayBuffer();
    } finally {
      await prod.close();
    }
  });
});

describe("the console at / (built by Vite from web/console)", () => {
  const PAGES = [
    "/",
    "/?q=hash&media=IMAGE&page=2",
    "/listings/photodna",
    "/sign-in?next=%2F",
    "/vendor",
    "/vendor/listings/photodna",
    "/review",
    "/review/photodna/2",
  ];

  it("answers each of its pages with the same document under a strict policy: scripts and styles from the API only", async () => {
    for (const path of PAGES) {
      const res = await fetch(`${base}${path}`, { headers: { accept: BROWSER_ACCEPT } });
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expect(res.headers.get("cache-control")).toBe("no-cache");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      const csp = parseCsp(res.headers.get("content-security-policy"));
      expect({ path, csp: Object.fromEntries(csp) }).toEqual({
        path,
        csp: {
          "default-src": ["'none'"],
          "script-src": ["'self'"],
          "style-src": ["'self'"],
          "connect-src": ["'self'"],
          "img-src": ["'self'"],
          "manifest-src": ["'none'"],
          "object-src": ["'none'"],
          "frame-ancestors": ["'none'"],
          "base-uri": ["'none'"],
          "form-action": ["'none'"],
        },
      });
      // Neither inline script nor inline style is allowed, by any route of the fallback chains.
      expect(effective(csp, SCRIPT)).toEqual(["'self'"]);
      expect(effective(csp, SCRIPT_ATTR)).toEqual(["'self'"]);
      expect(effective(csp, ["style-src-attr", "style-src", "default-src"])).toEqual(["'self'"]);
      expect(effective(csp, ["font-src", "default-src"])).toEqual(["'none'"]);
      const html = await res.text();
      expect(html).toContain('<div id="root">');
      expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=|<script(?![^>]*\ssrc=)[^>]*>/i);
    }
  });

  it("names only its own hashed assets and icon, which fetch nothing from elsewhere", async () => {
    const html = await (await fetch(`${base}/`)).text();
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    const assets = urls.filter((u) => u.startsWith("/assets/"));
    expect(assets.some((u) => u.endsWith(".js"))).toBe(true);
    expect(assets.some((u) => u.endsWith(".css"))).toBe(true);
    expect(urls.filter((u) => !u.startsWith("/assets/") && u !== "/favicon.svg" && u !== "/graphql")).toEqual([]);
    let scriptBytesGzipped = 0;
    for (const url of assets) {
      // As a browser asks: it takes either encoding; gzip is what the budget is counted in.
      const asset = await rawGet(`${base}${url}`, { "accept-encoding": "gzip" });
      expect({ url, status: asset.status }).toEqual({ url, status: 200 });
      expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect({ url, encoding: asset.headers["content-encoding"] }).toEqual({ url, encoding: "gzip" });
      const body = decoded(asset).toString("utf8");
      if (url.endsWith(".js")) scriptBytesGzipped += asset.body.length;
      if (url.endsWith(".css")) expect(body).not.toMatch(/url\(|@import|@font-face/i);
      // No address of another host for the browser to load: only the page's own paths.
      if (url.endsWith(".js"))
        expect(body).not.toMatch(/["'`](?:https?:)?\/\/(?!www\.w3\.org)[a-z0-9.-]+\.[a-z]{2,}\//i);
    }
    // The first load's JavaScript (everything the page names, as sent gzipped) within its budget: 200 kB.
    expect(scriptBytesGzipped).toBeGreaterThan(0);
    expect(scriptBytesGzipped).toBeLessThanOrEqual(200 * 1024);
    const icon = await fetch(`${base}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(await icon.text()).not.toMatch(/<script|href=|style=/i);
  });

  it("sends its assets compressed as the request accepts, made at build time, the same bytes once decoded", async () => {
    const html = await (await fetch(`${base}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const plain = await rawGet(`${base}${script}`, {});
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["content-type"]).toMatch(/^text\/javascript/);
    expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
    const cases: [string, string | undefined][] = [
      ["gzip, deflate, br, zstd", "br"], // a browser lists gzip first; Brotli, smaller, is sent
      ["gzip", "gzip"],
      ["br;q=0.5, gzip", "gzip"],
      ["br, gzip;q=0.9", "br"],
      ["identity", undefined],
      ["deflate", undefined],
      ["gzip;q=0, br;q=0", undefined],
      ["*", "br"],
    ];
    for (const [accept, expected] of cases) {
      const res = await rawGet(`${base}${script}`, { "accept-encoding": accept });
      expect({ accept, status: res.status, encoding: res.headers["content-encoding"] }).toEqual({
        accept,
        status: 200,
        encoding: expected,
      });
      expect({ accept, type: res.headers["content-type"] }).toEqual({ accept, type: plain.headers["content-type"] });
      expect(res.headers.vary).toMatch(/Accept-Encoding/i);
      expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(decoded(res).equals(plain.body)).toBe(true);
      if (expected) expect(res.body.length).toBeLessThan(plain.body.length / 3);
    }
    // A HEAD says the same without the body; a name not built is still a 404 whatever the encoding.
    const head = await rawGet(`${base}${script}`, { "accept-encoding": "br" }, "HEAD");
    expect(head.headers["content-encoding"]).toBe("br");
    expect(head.body.length).toBe(0);
    for (const path of ["/assets/nothing.js", "/assets/%2e%2e%2findex.html", "/assets/%E0%A4%A"]) {
      const res = await rawGet(`${base}${path}`, { "accept-encoding": "br, gzip" });
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.headers["content-encoding"]).toBeUndefined();
    }
  });

  it("leaves the API's paths and unknown paths alone", async () => {
    expect((await fetch(`${base}/assets/nothing.js`)).status).toBe(404);
    expect((await fetch(`${base}/listings/a/b`)).status).toBe(404);
    const api = await post(JSON.stringify({ query: "{ __typename }" }));
    expect(await api.json()).toMatchObject({ data: { __typename: "Query" } });
  });

  it("is served in production too (the Docker image), under the same policy", async () => {
    const prod = await startTestApp({ production: true });
    try {
      const res = await fetch(prod.runtime.url.replace(/\/graphql$/, "/"), { headers: { accept: BROWSER_ACCEPT } });
      expect(res.status).toBe(200);
      expect(parseCsp(res.headers.get("content-security-policy")).get("script-src")).toEqual(["'self'"]);
      expect(await res.text()).toContain('<div id="root">');
    } finally {
      await prod.close();
    }
  });
});
