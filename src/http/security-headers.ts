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

/** A policy as its header value, directives in the order given. */
function policyText(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, values]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${values.join(" ")}`)
    .join("; ");
}

/**
 * The policy for the query editor's page (GET /graphql from a browser,
 * outside production). Everything the page runs ships with the API, so it
 * opens up nothing beyond the API's own origin:
 * - scripts and style sheets from the API only: no inline script or style
 *   element, no eval, no event-handler attributes (Vite emits the editor as
 *   files; CodeMirror and React set styles through the DOM, which a policy
 *   does not govern);
 * - requests to the API only (`connect-src 'self'`);
 * - fonts and images as `data:` URLs only: GraphiQL's style sheet carries its
 *   fonts and CodeMirror's lint markers that way, and a `data:` URL fetches
 *   nothing;
 * - and, as everywhere, no framing, no `<base>`, no form submission, no plugins.
 */
export const EDITOR_PAGE_POLICY = policyText({
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["data:"],
  imgSrc: ["data:"],
  objectSrc: ["'none'"],
  ...LOCKED,
});

/**
 * The policy for the console's page (`/` and its other paths). As strict as
 * the editor's and stricter: scripts and style sheets from the API's own
 * files only (no inline script or style element, no eval, no event-handler
 * or style attributes), requests to the API only, images from its own files
 * (the icon), no fonts at all (the console uses the system's), and, as
 * everywhere, no framing, no `<base>`, no form submission, no plugins.
 */
export const CONSOLE_PAGE_POLICY = policyText({
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  connectSrc: ["'self'"],
  imgSrc: ["'self'"],
  manifestSrc: ["'none'"],
  objectSrc: ["'none'"],
  ...LOCKED,
});
