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
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], ...LOCKED } },
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
  });
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
