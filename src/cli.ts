import "reflect-metadata";
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { AccountService } from "./accounts/account.service";
import { Role } from "./accounts/roles";
import { CatalogueSnapshots } from "./catalog/snapshot";
import { ConfigError, loadConfig } from "./config";
import { createContext, SYSTEM } from "./context";
import { connect } from "./db/connection";
import { ensureIndexes, registerModels } from "./db/models";
import { createLogger } from "./logger";

const USAGE = `usage:
  npm run cli -- create-user --email E --role ROLE [--organisation SLUG] [--name NAME]
  npm run cli -- create-token --email E [--expires-in-days N] [--name NAME]
ROLE is one of ${Object.values(Role).join(", ")}; a VENDOR needs --organisation.
The database is MONGODB_URI (and DB_NAME); create-token prints the token alone on its last line.`;

class UsageError extends Error {}

/**
 * `npm run cli`: bootstraps the first admin and issues tokens, acting as the
 * system (audited with actor `system`). Token secrets go to standard output
 * only, never to the log.
 */
async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: "string" },
      role: { type: "string" },
      organisation: { type: "string" },
      name: { type: "string" },
      "expires-in-days": { type: "string" },
    },
    strict: true,
  });
  if (command !== "create-user" && command !== "create-token")
    throw new UsageError(`unknown command "${command ?? ""}"`);
  if (!values.email) throw new UsageError("--email is required");
  const config = loadConfig();
  if (!config.mongodbUri) throw new UsageError("MONGODB_URI must point at the catalogue's database");
  const log = createLogger("warn");
  const conn = await connect({ uri: config.mongodbUri, dbName: config.dbName });
  try {
    const models = registerModels(conn);
    await ensureIndexes(models);
    const ctx = createContext(models, new CatalogueSnapshots(models), log, `cli-${randomUUID()}`, SYSTEM);
    const accounts = new AccountService(ctx);
    if (command === "create-user") {
      const role = values.role?.toUpperCase();
      if (!role || !(Object.values(Role) as string[]).includes(role)) {
        throw new UsageError(`--role must be one of ${Object.values(Role).join(", ")}`);
      }
      const r = await accounts.createUser({
        email: values.email,
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
      const r = await accounts.createToken({ email: values.email, expiresInDays: days, name: values.name ?? null });
      if (r.userErrors.length || !r.token || !r.apiToken)
        throw new UsageError(r.userErrors.map((e) => e.message).join("; "));
      console.log(
        `token ${r.apiToken.tokenId} for ${values.email}, expires ${r.apiToken.expiresAt.toISOString()}; shown once:`,
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
