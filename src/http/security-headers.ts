import helmet from "helmet";
import type { RequestHandler } from "express";

/**
 * Directives no response of this app ever needs relaxed: nothing may frame
 * it, set a base URL for it, or submit a form from it.
 */
const LOCKED = { frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] };

/**
 * Security headers on every response (helmet): nosniff, no referrer, no
 * framing (`X-Frame-Options: DENY` for browsers without `frame-ancestors`),
 * same-origin resource and opener policies, HSTS, and a Content-Security-Policy
 * under which nothing loads or runs. JSON, CSV, the SVG heatmap (drawn with
 * presentation attributes only: no script, no `style`), errors and 404s need
 * nothing more. HSTS leaves subdomains alone: whether they serve HTTPS is the
 * deployer's business, not this API's.
 */
export function securityHeaders(): RequestHandler {
  const configured = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], ...LOCKED } },
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
  });
  const { set, removed } = recordHeaders(configured);
  return (_req, res, next) => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of set) res.setHeader(name, value);
    next();
  };
}

/**
 * The headers a helmet configuration sets and removes. Every directive above
 * is fixed (no nonce, nothing read from the request), so helmet's answer is
 * the same for every response: it is taken once, at start-up, and replayed,
 * rather than running helmet's thirteen middleware per request. A
 * configuration that fails or answers asynchronously stops the start.
 */
function recordHeaders(middleware: RequestHandler): { set: [string, string][]; removed: string[] } {
  const set: [string, string][] = [];
  const removed: string[] = [];
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => set.push([name, String(value)]),
    removeHeader: (name: string) => removed.push(name),
  };
  let done = false;
  void middleware(
    { headers: {} } as Parameters<RequestHandler>[0],
    res as unknown as Parameters<RequestHandler>[1],
    (err?: unknown) => {
      if (err) throw err;
      done = true;
    },
  );
  if (!done) throw new Error("the security headers could not be worked out once for every response");
  return { set, removed };
}

const META_CSP = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i;

/**
 * The policy for Apollo's landing page (GET /graphql from a browser, outside
 * production). The page loads its editor from Apollo's CDN with scripts and
 * styles carrying a per-render nonce, and states the policy that needs in a
 * `<meta>` tag; that policy is sent as the header, with the directives a
 * `<meta>` policy cannot carry (`frame-ancestors`) or that Apollo leaves open.
 * A page without the tag gets the strict policy: it then does not work, which
 * a test catches, rather than running unrestricted.
 */
export function landingPagePolicy(html: string): string {
  const meta = META_CSP.exec(html)?.[1];
  const locked = Object.entries({ ...LOCKED, objectSrc: ["'none'"] }).map(
    ([name, values]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${values.join(" ")}`,
  );
  return meta ? [meta, ...locked].join("; ") : ["default-src 'none'", ...locked].join("; ");
}
