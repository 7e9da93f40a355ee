import { AccountService } from "../../src/accounts/account.service";
import { Role } from "../../src/accounts/roles";
import { CatalogueSnapshots } from "../../src/catalog/snapshot";
import { createContext, SYSTEM } from "../../src/context";
import { createLogger } from "../../src/logger";
import type { TestApp } from "./app";

let n = 0;

/**
 * Creates a user with the given role through the product's own account
 * service, acting as the system (as the command-line tool does), and returns
 * a fresh API token for them.
 */
export async function userWithToken(
  t: TestApp,
  role: Role,
  organisation: string | null = null,
): Promise<{ token: string; email: string; userId: string }> {
  const ctx = createContext(t.models, new CatalogueSnapshots(t.models), createLogger("silent"), `test-${++n}`, SYSTEM);
  const accounts = new AccountService(ctx);
  const email = `${role.toLowerCase()}-${n}-${Date.now()}@example.org`;
  const u = await accounts.createUser({ email, role, organisation });
  if (!u.user) throw new Error(JSON.stringify(u.userErrors));
  const tok = await accounts.createToken({ email, expiresInDays: 30 });
  if (!tok.token) throw new Error(JSON.stringify(tok.userErrors));
  return { token: tok.token, email, userId: u.user._id.toHexString() };
}
