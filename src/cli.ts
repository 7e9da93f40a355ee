import "reflect-metadata";
import { randomUUID } from "node:crypto";
import { open } from "node:fs/promises";
import { extname } from "node:path";
import { parseArgs } from "node:util";
import { AccountService } from "./accounts/account.service";
import { userViewer } from "./accounts/auth";
import type { UserDoc } from "./accounts/user.model";
import { Role } from "./accounts/roles";
import { CatalogueSnapshots } from "./catalog/snapshot";
import { ConfigError, loadConfig } from "./config";
import { createContext, SYSTEM, Viewer } from "./context";
import { connect } from "./db/connection";
import { ensureIndexes, Models, registerModels } from "./db/models";
import { IMPORT_LIMITS, ImportFileError, ImportFormat } from "./imports/import.format";
import { importReportText } from "./imports/import.report";
import { ImportService, MAY_NOT_IMPORT } from "./imports/import.service";
import { createLogger, Logger } from "./logger";

const USAGE = `usage:
  npm run cli -- create-user --email E --role ROLE [--organisation SLUG] [--name NAME]
  npm run cli -- create-token --email E [--expires-in-days N] [--name NAME]
  npm run cli -- import FILE [--dry-run] [--as EMAIL] [--json] [--format csv|json]
ROLE is one of ${Object.values(Role).join(", ")}; a VENDOR needs --organisation.
The database is MONGODB_URI (and DB_NAME); create-token prints the token alone on its last line.
import reads a .csv or .json file of listings (see the README, Bulk import) and creates or updates drafts
submitted for review, acting as the system or, with --as, as that reviewer or admin; --dry-run writes nothing.
It exits 0 when every row was valid and written (or would be), 1 when some row was invalid or failed.`;

class UsageError extends Error {}

/** Reads a file to import, refusing one over the size limit before reading it. */
async function readImportFile(path: string): Promise<Buffer> {
  const file = await open(path, "r").catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${path}: ${e.code ?? e.message}`);
  });
  try {
    const { size } = await file.stat();
    if (size > IMPORT_LIMITS.bytes) {
      throw new UsageError(`${path} is ${size} bytes, over the import limit of ${IMPORT_LIMITS.bytes} bytes (2 MiB)`);
    }
    return await file.readFile();
  } finally {
    await file.close();
  }
}

/** The system, or with --as the enabled user of that e-mail (refused by the import unless reviewer or admin). */
async function actingAs(models: Models, email: string | undefined): Promise<Viewer> {
  if (email === undefined) return SYSTEM;
  const user = await models.User.findOne({ email: email.trim().toLowerCase() }).lean<UserDoc>();
  if (!user || user.disabled) throw new UsageError(`--as: no enabled user with the e-mail ${email}`);
  return userViewer(user);
}

async function importFile(
  models: Models,
  log: Logger,
  file: string,
  values: Record<string, string | boolean | undefined>,
): Promise<void> {
  const ext = extname(file).toLowerCase().slice(1);
  const format = (values.format ?? ext) as string;
  if (format !== "csv" && format !== "json")
    throw new UsageError("name a .csv or .json file, or give --format csv|json");
  const bytes = await readImportFile(file);
  const viewer = await actingAs(models, values.as as string | undefined);
  const ctx = createContext(models, new CatalogueSnapshots(models), log, `cli-${randomUUID()}`, viewer);
  const imports = new ImportService(ctx);
  if (!(await imports.allowed())) throw new UsageError(`--as ${viewer.email}: ${MAY_NOT_IMPORT}`);
  try {
    const report = await imports.run(bytes, format as ImportFormat, values["dry-run"] === true);
    console.log(values.json ? JSON.stringify(report, null, 2) : importReportText(report));
    const { invalid, failed, stopped } = report.counts.outcome;
    if (invalid + failed + stopped > 0) process.exitCode = 1;
  } catch (e) {
    if (e instanceof ImportFileError) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
}

/**
 * `npm run cli`: bootstraps the first admin and issues tokens, acting as the
 * system (audited with actor `system`), and imports listings for review.
 * Token secrets go to standard output only, never to the log.
 */
async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      email: { type: "string" },
      role: { type: "string" },
      organisation: { type: "string" },
      name: { type: "string" },
      "expires-in-days": { type: "string" },
      "dry-run": { type: "boolean" },
      as: { type: "string" },
      json: { type: "boolean" },
      format: { type: "string" },
    },
    allowPositionals: command === "import",
    strict: true,
  });
  if (command !== "create-user" && command !== "create-token" && command !== "import")
    throw new UsageError(`unknown command "${command ?? ""}"`);
  if (command === "import" && positionals.length !== 1) throw new UsageError("import takes one FILE");
  if (command !== "import" && !values.email) throw new UsageError("--email is required");
  const config = loadConfig();
  if (!config.mongodbUri) throw new UsageError("MONGODB_URI must point at the catalogue's database");
  const log = createLogger("warn");
  const conn = await connect({ uri: config.mongodbUri, dbName: config.dbName });
  try {
    const models = registerModels(conn);
    await ensureIndexes(models);
    if (command === "import") return await importFile(models, log, positionals[0], values);
    const ctx = createContext(models, new CatalogueSnapshots(models), log, `cli-${randomUUID()}`, SYSTEM);
    const accounts = new AccountService(ctx);
    const email = values.email ?? "";
    if (command === "create-user") {
      const role = values.role?.toUpperCase();
      if (!role || !(Object.values(Role) as string[]).includes(role)) {
        throw new UsageError(`--role must be one of ${Object.values(Role).join(", ")}`);
      }
      const r = await accounts.createUser({
        email,
        role: role as Role,
        organisation: values.organisation ?? null,
        name: values.name ?? null,
      });
      if (r.userErrors.length)
        throw new UsageError(r.userErrors.map((e) => `${e.field?.slice(-1)[0] ?? ""}: ${e.message}`).join("; "));
      console.log(`created ${r.user?.role} ${r.user?.email} (${r.user?._id.toHexString()})`);
    } else {
      const days = values["expires-in-days"] === undefined ? 90 : Number(values["expires-in-days"]);
      if (!Number.isInteger(days) || days < 1 || days > 365)
        throw new UsageError("--expires-in-days must be a whole number from 1 to 365");
      const r = await accounts.createToken({ email, expiresInDays: days, name: values.name ?? null });
      if (r.userErrors.length || !r.token || !r.apiToken)
        throw new UsageError(r.userErrors.map((e) => e.message).join("; "));
      console.log(
        `token ${r.apiToken.tokenId} for ${email}, expires ${r.apiToken.expiresAt.toISOString()}; shown once:`,
      );
      console.log(r.token);
    }
  } finally {
    await conn.close();
  }
}

main(process.argv.slice(2)).catch((e) => {
  if (
    e instanceof UsageError ||
    e instanceof ConfigError ||
    (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")
  ) {
    console.error(`error: ${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
