import { PublicationState } from "./enums";
import type { Viewer } from "../context";
import type { ToolDoc } from "./tools/tool.model";

/**
 * The one place that says which listings a caller may see: published ones
 * whose visibility the viewer holds. Every read of listings goes through it,
 * so a listing the caller may not see is neither returned nor counted.
 */
export function isVisibleTo(viewer: Viewer, tool: Pick<ToolDoc, "publicationState" | "visibility">): boolean {
  return tool.publicationState === PublicationState.PUBLISHED && viewer.visibilities.includes(tool.visibility);
}

/** The listings of a snapshot that the viewer may see. */
export function visibleListings(viewer: Viewer, listings: ToolDoc[]): ToolDoc[] {
  return listings.filter((t) => isVisibleTo(viewer, t));
}
