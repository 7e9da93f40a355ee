import mongoose, { Types } from "mongoose";
import { ForbiddenError } from "../common/errors";
import type { Context } from "../context";
import { AuditOutcome } from "../audit/audit.model";
import { AuditService } from "../audit/audit.service";
import { newestFirstPage, Page, paginate, queryFingerprint } from "../common/pagination";
import type { ApiTokenDoc, ApiTokenMeta } from "./token.model";
import { newToken } from "./token";
import { Role } from "./roles";
import type { UserDoc } from "./user.model";

export interface UserStatusResult {
  user: UserDoc | null;
  revokedTokenCount: number;
  userErrors: UserErrorData[];
}

export interface UserErrorData {
  field: string[] | null;
  message: string;
  code: "INVALID" | "NOT_FOUND" | "DUPLICATE" | "CONFLICT" | "FORBIDDEN";
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DAY_MS = 86_400_000;

const userIdError = (message: string, code: UserErrorData["code"]): UserErrorData => ({
  field: ["userId"],
  message,
  code,
});
const noSuchUser = () => userIdError("no such user", "NOT_FOUND");
const lastAdmin = () => userIdError("the last enabled admin cannot be disabled", "CONFLICT");
const alreadyDisabled = () => userIdError("the user is already disabled", "INVALID");
const notDisabled = () => userIdError("the user is not disabled", "INVALID");

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
    this.requireAdmin();
    const all = await this.ctx.models.User.find({}).lean<UserDoc[]>();
    all.sort((a, b) => (a.email < b.email ? -1 : 1));
    return paginate(all, (u) => [u.email], queryFingerprint("users"), first, after);
  }

  async me(): Promise<UserDoc | null> {
    const id = this.ctx.viewer.userId;
    if (this.ctx.viewer.kind !== "user" || !id) return null;
    return this.ctx.models.User.findOne({ _id: new Types.ObjectId(id) }).lean<UserDoc>();
  }

  /**
   * A user's API tokens, newest first, as metadata only: the stored hash is
   * not even read. Null when there is no such user. Audited, because who
   * looked at whose credentials matters after an incident.
   */
  async tokensOf(
    userId: string,
    first: number,
    after: string | null | undefined,
    withCount: boolean,
  ): Promise<Page<ApiTokenMeta> | null> {
    this.requireAdmin();
    const user = await this.findUser(userId);
    if (!user) {
      await this.audit.record({
        operation: "apiTokens",
        target: `user:${userId}`,
        outcome: AuditOutcome.INVALID,
        reason: "no such user",
      });
      return null;
    }
    const tokens = this.ctx.models.ApiToken;
    const page = await newestFirstPage<ApiTokenMeta>(
      {
        fingerprint: queryFingerprint({ tokensOf: user._id.toHexString() }),
        timeField: "createdAt",
        tieField: "tokenId",
        keyOf: (t) => [t.createdAt.getTime(), t.tokenId],
        tieFromCursor: (s) => (UUID.test(s) ? s : null),
        read: (position, limit) =>
          tokens
            .find({ user: user._id, ...position }, { _id: 0 })
            .sort({ createdAt: -1, tokenId: -1 })
            .limit(limit)
            .lean<ApiTokenMeta[]>(),
        count: withCount ? () => tokens.countDocuments({ user: user._id }) : null,
      },
      first,
      after,
    );
    await this.audit.record({
      operation: "apiTokens",
      target: `user:${user._id.toHexString()}`,
      outcome: AuditOutcome.ACCEPTED,
    });
    return page;
  }

  /**
   * Incident response: revokes every credential the user has and marks them
   * disabled, so authentication refuses them even with a credential made
   * later by mistake. An admin cannot disable themselves or the last enabled
   * admin; with no transactions, the last-admin rule is checked again after
   * the write and the write undone if two admins disabled each other at once.
   */
  async disableUser(userId: string): Promise<UserStatusResult> {
    this.requireAdmin();
    const user = await this.findUser(userId);
    const refusal = await this.whyNotDisable(user);
    if (!user || refusal) return this.refuseStatusChange("disableUser", userId, refusal ?? noSuchUser());
    const written = await this.ctx.models.User.updateOne(
      { _id: user._id, disabled: false },
      { $set: { disabled: true } },
    );
    // Another admin got there first: theirs is the change and the event.
    if (written.modifiedCount === 0) {
      return this.refuseStatusChange("disableUser", userId, alreadyDisabled());
    }
    if (user.role === Role.ADMIN && (await this.enabledAdmins(user._id)) === 0) {
      await this.ctx.models.User.updateOne({ _id: user._id }, { $set: { disabled: false } });
      return this.refuseStatusChange("disableUser", userId, lastAdmin());
    }
    return this.completeStatusChange("disableUser", user, true);
  }

  /**
   * Lets a disabled user authenticate again, with new credentials only:
   * those revoked when they were disabled stay revoked, and any made while
   * they were disabled (by mistake) are revoked now.
   */
  async enableUser(userId: string): Promise<UserStatusResult> {
    this.requireAdmin();
    const user = await this.findUser(userId);
    const refusal = !user ? noSuchUser() : !user.disabled ? notDisabled() : null;
    if (!user || refusal) return this.refuseStatusChange("enableUser", userId, refusal ?? noSuchUser());
    const written = await this.ctx.models.User.updateOne(
      { _id: user._id, disabled: true },
      { $set: { disabled: false } },
    );
    if (written.modifiedCount === 0) {
      return this.refuseStatusChange("enableUser", userId, notDisabled());
    }
    return this.completeStatusChange("enableUser", user, false);
  }

  private async whyNotDisable(user: UserDoc | null): Promise<UserErrorData | null> {
    if (!user) return noSuchUser();
    if (user._id.toHexString() === this.ctx.viewer.userId) {
      return userIdError("you cannot disable yourself; ask another admin", "INVALID");
    }
    if (user.disabled) return alreadyDisabled();
    if (user.role === Role.ADMIN && (await this.enabledAdmins(user._id)) === 0) return lastAdmin();
    return null;
  }

  /**
   * Revokes, at `at`, every live credential of a user and returns their ids.
   * API tokens are the only credentials today; browser sessions, when they
   * come, are revoked here too, so disabling and enabling cover them.
   */
  private async revokeCredentials(user: Types.ObjectId, at: Date): Promise<string[]> {
    const live = await this.ctx.models.ApiToken.find({ user, revokedAt: null }, { _id: 0, tokenId: 1 }).lean<
      { tokenId: string }[]
    >();
    if (live.length) await this.ctx.models.ApiToken.updateMany({ user, revokedAt: null }, { $set: { revokedAt: at } });
    return live.map((t) => t.tokenId).sort();
  }

  /** Revokes the user's credentials, then records the change, undoing both if the event cannot be written. */
  private async completeStatusChange(operation: string, user: UserDoc, disabled: boolean): Promise<UserStatusResult> {
    const at = new Date();
    const revoked = await this.revokeCredentials(user._id, at);
    await this.audit.recordOrUndo(
      {
        operation,
        target: `user:${user._id.toHexString()}`,
        outcome: AuditOutcome.ACCEPTED,
        changes: {
          disabled: [!disabled, disabled],
          ...(revoked.length ? { revokedTokens: [null, revoked] } : {}),
        },
      },
      async () => {
        await this.ctx.models.User.updateOne({ _id: user._id }, { $set: { disabled: !disabled } });
        await this.ctx.models.ApiToken.updateMany({ user: user._id, revokedAt: at }, { $set: { revokedAt: null } });
      },
    );
    return {
      user: await this.ctx.models.User.findOne({ _id: user._id }).lean<UserDoc>(),
      revokedTokenCount: revoked.length,
      userErrors: [],
    };
  }

  private async refuseStatusChange(operation: string, userId: string, e: UserErrorData): Promise<UserStatusResult> {
    await this.audit.record({ operation, target: `user:${userId}`, outcome: AuditOutcome.INVALID, reason: e.message });
    return { user: null, revokedTokenCount: 0, userErrors: [e] };
  }

  /** Enabled admins other than `except`. */
  private enabledAdmins(except: Types.ObjectId): Promise<number> {
    return this.ctx.models.User.countDocuments({
      role: Role.ADMIN,
      disabled: false,
      _id: mongoose.trusted({ $ne: except }),
    });
  }

  private async findUser(userId: string): Promise<UserDoc | null> {
    if (!/^[0-9a-f]{24}$/.test(userId)) return null;
    return this.ctx.models.User.findOne({ _id: new Types.ObjectId(userId) }).lean<UserDoc>();
  }

  /** The service-level half of the ADMIN gate, for callers that reach the service without the resolver's. */
  private requireAdmin(): void {
    if (this.ctx.viewer.kind !== "system" && this.ctx.viewer.role !== Role.ADMIN) throw new ForbiddenError();
  }
}
