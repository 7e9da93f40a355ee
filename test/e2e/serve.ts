/**
 * The servers the Playwright tests drive, started by their global set-up
 * (global-setup.ts) as a process of its own: Playwright loads test files
 * with its own TypeScript transform, which does not emit the decorator
 * metadata type-graphql needs, so the app runs here under tsx, as the
 * server-process tests run it.
 *
 * On one database server chosen as jest's global set-up chooses it (FerretDB
 * here, loopback only, telemetry off):
 * - `main`: the app on 127.0.0.1 with the seed inventory, users of several
 *   roles with API tokens, and one published listing only law enforcement
 *   may see, made through the API as a person would make it;
 * - `limited`: the same, allowing 4 requests a minute from an address;
 * - `away`: an app whose database is not there (a closed port), which
 *   answers 503 with Retry-After.
 * Prints one line, `E2E_READY <json>`; stops everything when its stdin closes.
 */
import { createServer } from "node:net";
import { Role } from "../../src/accounts/roles";
import { DatabaseSource } from "../../src/config";
import { resolveDatabase } from "../../src/db/sources";
import { createLogger } from "../../src/logger";
import { userWithToken } from "../helpers/accounts";
import { startTestApp, TestApp } from "../helpers/app";

export interface E2eServers {
  main: string;
  limited: string;
  away: string;
  tokens: { lawEnforcement: string; admin: string; reviewer: string; vendor: string };
  /** The organisation the vendor keeps listings for (seeded). */
  vendorOrganisation: string;
  /** A published listing that only law enforcement, reviewers and admins may see. */
  hidden: { slug: string; name: string };
}

const HIDDEN = {
  slug: "covert-triage-assistant",
  name: "Covert triage assistant",
  kind: "TOOL",
  summary: "Sorts seized material for investigators by urgency; offered to vetted police units only.",
  capabilities: ["triage"],
  mediaTypes: ["IMAGE", "VIDEO"],
  availability: [{ jurisdiction: "GB", status: "IN_USE" }],
  offers: [{ model: "FREE_FOR_ELIGIBLE", eligibility: ["LAW_ENFORCEMENT"], requiresVetting: true }],
  sources: [{ url: "https://example.org/covert-triage", locator: "product page", unverified: true }],
  visibility: "LAW_ENFORCEMENT",
};

/** A seeded organisation whose listings the vendor's tests edit, and no other test reads. */
const VENDOR_ORGANISATION = "netclean";

async function must(t: TestApp, token: string, query: string, variables: Record<string, unknown>, field: string) {
  const r = await t.gqlAs<Record<string, { userErrors: unknown[] }>>(token, query, variables);
  const errors = r.errors ?? r.data?.[field]?.userErrors ?? [];
  if (!r.data || errors.length) throw new Error(`${field}: ${JSON.stringify(errors)}`);
}

/**
 * A loopback port held for the whole run by a listener that drops every
 * connection at once: no database answers there. (A port merely freed could
 * be taken by another process meanwhile, a database among them, and the
 * "away" app would then find one.)
 */
function deadDatabasePort(): Promise<{ port: number; close: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const srv = createServer((socket) => socket.destroy());
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({ port, close: () => new Promise<void>((done) => srv.close(() => done())) });
    });
  });
}

async function main(): Promise<void> {
  const db = await resolveDatabase({
    source: (process.env.DB_SOURCE as DatabaseSource | undefined) ?? DatabaseSource.AUTO,
    mongodbUri: process.env.MONGODB_URI || undefined,
    ferretdbBin: process.env.FERRETDB_BIN || undefined,
    log: createLogger("warn"),
  });
  process.env.TEST_MONGODB_URI = db.uri;
  const apps: TestApp[] = [];
  const dead = await deadDatabasePort();
  const stop = async () => {
    await Promise.allSettled(apps.map((a) => a.close()));
    await dead.close();
    await db.stop();
    process.exit(0);
  };
  process.stdin.on("end", () => void stop());
  process.stdin.resume();
  process.on("SIGTERM", () => void stop());

  const main = await startTestApp({ seed: true });
  apps.push(main);
  const limited = await startTestApp({
    seed: true,
    rateLimit: { windowMs: 60_000, perAddress: 4, perToken: 0 },
  });
  apps.push(limited);
  const away = await startTestApp({
    uri: `mongodb://127.0.0.1:${dead.port}/`,
    waitForDatabase: false,
    retryMs: { min: 1000, max: 5000 },
  });
  apps.push(away);

  const [lawEnforcement, admin, reviewer, vendor] = await Promise.all([
    userWithToken(main, Role.LAW_ENFORCEMENT),
    userWithToken(main, Role.ADMIN),
    userWithToken(main, Role.REVIEWER),
    userWithToken(main, Role.VENDOR, VENDOR_ORGANISATION),
  ]);
  await must(
    main,
    admin.token,
    "mutation($i: ListingInput!) { createListing(input: $i) { userErrors { field message } } }",
    { i: HIDDEN },
    "createListing",
  );
  await must(
    main,
    admin.token,
    "mutation($s: String!) { submitListingForReview(slug: $s) { userErrors { field message } } }",
    { s: HIDDEN.slug },
    "submitListingForReview",
  );
  await must(
    main,
    reviewer.token,
    "mutation($s: String!) { approveRevision(slug: $s, revision: 1) { userErrors { field message } } }",
    { s: HIDDEN.slug },
    "approveRevision",
  );

  const root = (t: TestApp) => t.runtime.url.replace(/\/graphql$/, "");
  const ready: E2eServers = {
    main: root(main),
    limited: root(limited),
    away: root(away),
    tokens: {
      lawEnforcement: lawEnforcement.token,
      admin: admin.token,
      reviewer: reviewer.token,
      vendor: vendor.token,
    },
    vendorOrganisation: VENDOR_ORGANISATION,
    hidden: { slug: HIDDEN.slug, name: HIDDEN.name },
  };
  process.stdout.write(`E2E_READY ${JSON.stringify(ready)}\n`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
