import { Role } from "../accounts/roles";
import { PublicationState } from "./enums";
import type { Viewer } from "../context";
import type { ToolDoc } from "./tools/tool.model";
import { audienceRevision, CatalogueSnapshot } from "./snapshot";

/**
 * Whether the viewer speaks for the organisation: a VENDOR bound to it. An
 * owner edits its organisation's listings and sees them wherever listings
 * are read, whatever their visibility.
 */
export function isOwner(viewer: Viewer, organisationId: string | null): boolean {
  return viewer.role === Role.VENDOR && viewer.organisationId !== null && viewer.organisationId === organisationId;
}

/**
 * The one place that says which listings a caller may see: published ones
 * whose visibility the viewer holds, and published ones of the viewer's own
 * organisation (an owner already reads their full content in the history and
 * the mutation payloads, so hiding them from search would only make the
 * paths disagree). Every read of listings goes through it, so a listing the
 * caller may not see is neither returned nor counted.
 */
export function isVisibleTo(
  viewer: Viewer,
  tool: Pick<ToolDoc, "publicationState" | "visibility" | "organisation">,
): boolean {
  return (
    tool.publicationState === PublicationState.PUBLISHED &&
    (viewer.visibilities.includes(tool.visibility) || isOwner(viewer, tool.organisation?.toHexString() ?? null))
  );
}

/** The listings of a snapshot that the viewer may see. */
export function visibleListings(viewer: Viewer, listings: ToolDoc[]): ToolDoc[] {
  return listings.filter((t) => isVisibleTo(viewer, t));
}

/** A key shared by exactly the viewers who see the same listings: their visibilities and the organisation they own. */
export function audienceOf(viewer: Viewer): string {
  const owns = viewer.role === Role.VENDOR ? (viewer.organisationId ?? "") : "";
  return `${[...viewer.visibilities].sort().join(",")}|${owns}`;
}

/**
 * The catalogue revision this viewer is shown (reports, export file names,
 * cursors tied to the catalogue): derived from what the viewer may see, so
 * it does not move when only listings hidden from the viewer change.
 */
export function catalogueRevisionFor(viewer: Viewer, snapshot: CatalogueSnapshot): string {
  return audienceRevision(snapshot, audienceOf(viewer), (t) => isVisibleTo(viewer, t));
}
