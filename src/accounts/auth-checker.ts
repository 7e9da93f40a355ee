import type { AuthChecker } from "type-graphql";
import { ForbiddenError, UnauthenticatedError } from "../common/errors";
import type { Context } from "../context";
import { AuditOutcome } from "../audit/audit.model";
import { AuditService } from "../audit/audit.service";
import { writesAuditEvent } from "../audit/audited-fields";
import type { Role } from "./roles";

/**
 * The one coarse gate behind `@Authorized(roles)`: an anonymous caller is
 * UNAUTHENTICATED, a signed-in caller without the role is FORBIDDEN. A
 * refused mutation (or audited query) is audited before the error is raised.
 */
export const authChecker: AuthChecker<Context, Role> = async ({ context, info }, roles) => {
  const v = context.viewer;
  const allowed =
    v.kind === "system" || (v.kind === "user" && (roles.length === 0 || (v.role !== null && roles.includes(v.role))));
  if (allowed) return true;
  if (writesAuditEvent(info.parentType.name, info.fieldName)) {
    await new AuditService(context).record({
      operation: info.fieldName,
      target: null,
      outcome: AuditOutcome.REFUSED,
      reason: v.kind === "anonymous" ? "not signed in" : `role ${v.role} may not do this`,
    });
  }
  if (v.kind === "anonymous") throw new UnauthenticatedError();
  throw new ForbiddenError();
};
