import mongoose from "mongoose";
import { PublicationState } from "./enums";
import type { Viewer } from "../context";

/**
 * The one place that says which listings a caller may see: published ones
 * whose visibility the viewer holds. Every read of listings starts from it,
 * so a listing the caller may not see is neither returned nor counted.
 */
export function visibleListings(viewer: Viewer) {
  return {
    publicationState: PublicationState.PUBLISHED,
    visibility: mongoose.trusted({ $in: [...viewer.visibilities] }),
  };
}
