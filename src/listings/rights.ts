import { Role } from "../accounts/roles";
import type { Viewer } from "../context";
import { ToolStatus, Visibility } from "../catalog/enums";
import { isOwner } from "../catalog/visibility";
import type { ListingContent } from "./content";

/** Admins and the system. */
export function isAdmin(v: Viewer): boolean {
  return v.kind === "system" || v.role === Role.ADMIN;
}

/** Reviewers, admins and the system may review and publish. */
export function canReview(v: Viewer): boolean {
  return v.kind === "system" || v.role === Role.ADMIN || v.role === Role.REVIEWER;
}

/** Who may edit a listing: reviewers and admins any, a vendor only their own organisation's. */
export function canEdit(v: Viewer, organisationId: string | null): boolean {
  return canReview(v) || isOwner(v, organisationId);
}

/** Who may create listings at all. */
export function canCreate(v: Viewer): boolean {
  return canReview(v) || (v.role === Role.VENDOR && v.organisationId !== null);
}

const OPENNESS: Record<Visibility, number> = {
  [Visibility.LAW_ENFORCEMENT]: 0,
  [Visibility.MEMBERS]: 1,
  [Visibility.PUBLIC]: 2,
};

/**
 * Reviewer-only fields, checked for vendors: the owning organisation, a
 * visibility more open than the one a reviewer last set, and bringing a
 * RETIRED listing back. Returns the offending fields with the reason.
 */
export function vendorFieldProblems(
  before: ListingContent | null,
  after: ListingContent,
  vendorOrganisationSlug: string | null,
): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (after.organisation !== vendorOrganisationSlug) {
    out.push({
      field: "organisation",
      message: "a vendor's listings belong to the vendor's organisation; only reviewers can change it",
    });
  }
  if (before && OPENNESS[after.visibility] > OPENNESS[before.visibility]) {
    out.push({ field: "visibility", message: `only a reviewer can open visibility beyond ${before.visibility}` });
  }
  if (before?.status === ToolStatus.RETIRED && after.status !== null && after.status !== ToolStatus.RETIRED) {
    out.push({ field: "status", message: "only a reviewer can bring a retired listing back" });
  }
  return out;
}
