import { Types } from "mongoose";
import { ForbiddenError } from "../common/errors";
import type { Context } from "../context";
import { AuditOutcome } from "../audit/audit.model";
import { AuditService } from "../audit/audit.service";
import { Page, paginate, queryFingerprint } from "../common/pagination";
import type { ApiTokenDoc } from "./token.model";
import { newToken } from "./token";
import { Role } from "./roles";
import type { UserDoc } from "./user.model";

export interface UserErrorData {
  field: string[] | null;
  message: string;
  code: "INVALID" | "NOT_FOUND" | "DUPLICATE" | "CONFLICT" | "FORBIDDEN";
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DAY_MS = 86_400_000;

/**
 * Users and API tokens. Callers reach these only through `@Authorized`
 * (ADMIN) or the command-line tool; every outcome is audited, and token
 * secrets are returned once and never logged or audited.
 */
export class AccountService {
  private readonly audit: AuditService;

  constructor(private readonly ctx: Context) {
    this.audit = new AuditService(ctx);
  }

  async createUser(input: {
    email: string;
    name?: string | null;
    role: Role;
    organisation?: string | null;
  }): Promise<{ user: UserDoc | null; userErrors: UserErrorData[] }> {
    const email = input.email.trim().toLowerCase();
    const errors: UserErrorData[] = [];
    if (!EMAIL.test(email))
      errors.push({ field: ["input", "email"], message: "must be an e-mail address", code: "INVALID" });
    let organisation: Types.ObjectId | null = null;
    if (input.role === Role.VENDOR) {
      if (!input.organisation) {
        errors.push({
          field: ["input", "organisation"],
          message: "a VENDOR must be bound to an organisation",
          code: "INVALID",
        });
      } else {
        const org = (await this.ctx.catalogue()).organisationBySlug.get(input.organisation);
        if (!org)
          errors.push({
            field: ["input", "organisation"],
            message: `no organisation "${input.organisation}"`,
            code: "NOT_FOUND",
          });
        else organisation = org._id;
      }
    } else if (input.organisation) {
      errors.push({
        field: ["input", "organisation"],
        message: "only a VENDOR is bound to an organisation",
        code: "INVALID",
      });
    }
    if (!errors.length && (await this.ctx.models.User.exists({ email }))) {
      errors.push({ field: ["input", "email"], message: "a user with this e-mail exists", code: "DUPLICATE" });
    }
    if (errors.length) {
      await this.audit.record({
        operation: "createUser",
        target: `user:${email}`,
        outcome: AuditOutcome.INVALID,
        reason: errors.map((e) => e.message).join("; "),
      });
      return { user: null, userErrors: errors };
    }
    const _id = new Types.ObjectId();
    const doc = { _id, email, name: input.name ?? null, role: input.role, organisation, disabled: false };
    try {
      await this.ctx.models.User.create([doc]);
    } catch (e) {
      if ((e as { code?: number }).code === 11000) {
        await this.audit.record({
          operation: "createUser",
          target: `user:${email}`,
          outcome: AuditOutcome.INVALID,
          reason: "duplicate e-mail",
        });
        return {
          user: null,
          userErrors: [{ field: ["input", "email"], message: "a user with this e-mail exists", code: "DUPLICATE" }],
        };
      }
      throw e;
    }
    await this.audit.recordOrUndo(
      {
        operation: "createUser",
        target: `user:${_id.toHexString()}`,
        outcome: AuditOutcome.ACCEPTED,
        changes: {
          email: [null, email],
          role: [null, input.role],
          organisation: [null, organisation?.toHexString() ?? null],
        },
      },
      () => this.ctx.models.User.deleteOne({ _id }),
    );
    return { user: await this.ctx.models.User.findOne({ _id }).lean<UserDoc>(), userErrors: [] };
  }

  async createToken(input: {
    email: string;
    name?: string | null;
    expiresInDays?: number | null;
  }): Promise<{ token: string | null; apiToken: ApiTokenDoc | null; userErrors: UserErrorData[] }> {
    const email = input.email.trim().toLowerCase();
    const user = await this.ctx.models.User.findOne({ email }).lean<UserDoc>();
    if (!user || user.disabled) {
      await this.audit.record({
        operation: "createApiToken",
        target: `user:${email}`,
        outcome: AuditOutcome.INVALID,
        reason: "no such enabled user",
      });
      return {
        token: null,
        apiToken: null,
        userErrors: [{ field: ["input", "email"], message: "no enabled user with this e-mail", code: "NOT_FOUND" }],
      };
    }
    const days = input.expiresInDays ?? 90;
    const t = newToken();
    const doc = {
      _id: t.hash,
      tokenId: t.tokenId,
      user: user._id,
      name: input.name ?? null,
      hint: t.hint,
      expiresAt: new Date(Date.now() + days * DAY_MS),
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.ctx.models.ApiToken.create([doc]);
    await this.audit.recordOrUndo(
      {
        operation: "createApiToken",
        target: `token:${t.tokenId}`,
        outcome: AuditOutcome.ACCEPTED,
        changes: {
          user: [null, user._id.toHexString()],
          expiresAt: [null, doc.expiresAt.toISOString()],
          hint: [null, t.hint],
        },
      },
      () => this.ctx.models.ApiToken.deleteOne({ _id: t.hash }),
    );
    return {
      token: t.secret,
      apiToken: await this.ctx.models.ApiToken.findOne({ _id: t.hash }).lean<ApiTokenDoc>(),
      userErrors: [],
    };
  }

  /** Revokes a token at once; an ADMIN may revoke any, a user their own. */
  async revokeToken(tokenId: string): Promise<{ apiToken: ApiTokenDoc | null; userErrors: UserErrorData[] }> {
    const token = await this.ctx.models.ApiToken.findOne({ tokenId: String(tokenId) }).lean<ApiTokenDoc>();
    const v = this.ctx.viewer;
    const mayRevoke = v.kind === "system" || v.role === Role.ADMIN || (token && token.user.toHexString() === v.userId);
    if (!token || !mayRevoke) {
      // Someone else's token answers like a missing one.
      await this.audit.record({
        operation: "revokeApiToken",
        target: `token:${tokenId}`,
        outcome: token ? AuditOutcome.REFUSED : AuditOutcome.INVALID,
        reason: "no such token of yours",
      });
      return { apiToken: null, userErrors: [{ field: ["tokenId"], message: "no such token", code: "NOT_FOUND" }] };
    }
    const now = new Date();
    if (!token.revokedAt) await this.ctx.models.ApiToken.updateOne({ _id: token._id }, { $set: { revokedAt: now } });
    await this.audit.record({
      operation: "revokeApiToken",
      target: `token:${token.tokenId}`,
      outcome: AuditOutcome.ACCEPTED,
      changes: { revokedAt: [token.revokedAt?.toISOString() ?? null, (token.revokedAt ?? now).toISOString()] },
    });
    return { apiToken: await this.ctx.models.ApiToken.findOne({ _id: token._id }).lean<ApiTokenDoc>(), userErrors: [] };
  }

  async users(first: number, after: string | null | undefined): Promise<Page<UserDoc>> {
    if (this.ctx.viewer.kind !== "system" && this.ctx.viewer.role !== Role.ADMIN) throw new ForbiddenError();
    const all = await this.ctx.models.User.find({}).lean<UserDoc[]>();
    all.sort((a, b) => (a.email < b.email ? -1 : 1));
    return paginate(all, (u) => [u.email], queryFingerprint("users"), first, after);
  }

  async me(): Promise<UserDoc | null> {
    const id = this.ctx.viewer.userId;
    if (this.ctx.viewer.kind !== "user" || !id) return null;
    return this.ctx.models.User.findOne({ _id: new Types.ObjectId(id) }).lean<UserDoc>();
  }
}
