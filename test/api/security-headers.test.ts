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

describe("Apollo's landing page (outside production)", () => {
  it("gets the policy its own page states, with its nonce, and is never framed", async () => {
    const res = await fetch(`${base}/graphql`, { headers: { accept: "text/html" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    const nonces = new Set([...html.matchAll(/nonce="?([0-9a-f]{64})/g)].map((m) => m[1]));
    expect(nonces.size).toBe(1);
    const [nonce] = nonces;
    const csp = parseCsp(res.headers.get("content-security-policy"));
    const scripts = effective(csp, SCRIPT) ?? [];
    expect(scripts).toContain(`'nonce-${nonce}'`);
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(scripts.filter((s) => s.startsWith("http"))).toEqual(
      scripts.filter((s) => s.startsWith("https://") && s.endsWith(".apollographql.com")),
    );
    expect(csp.get("style-src")).toContain(`'nonce-${nonce}'`);
    expect(csp.get("style-src")).not.toContain("'unsafe-inline'");
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    // Every script the page has is allowed by the header: inline ones by the nonce, others by their host.
    for (const tag of html.match(/<script[^>]*>/g) ?? []) {
      expect(tag).toContain(`nonce="${nonce}"`);
      const src = /src="([^"]+)"/.exec(tag)?.[1];
      if (src) expect(scripts).toContain(new URL(src).origin);
    }
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });

  it("is not served in production, where GET /graphql gets the strict headers", async () => {
    const prod = await startTestApp({ production: true });
    try {
      const res = await fetch(prod.runtime.url, { headers: { accept: "text/html" } });
      expect(res.headers.get("content-type")).not.toMatch(/^text\/html/);
      expectStrictHeaders(res, "production GET /graphql");
      await res.arrayBuffer();
    } finally {
      await prod.close();
    }
  });
});
