import type { OrganisationDoc } from "../catalog/organisations/organisation.model";
import { ForbiddenError } from "../common/errors";
import type { Context } from "../context";
import { Role } from "../accounts/roles";
import { COMPLETENESS_FIELDS } from "../reports/completeness";
import { CompletenessReportInput } from "../reports/report.input";
import {
  CompletenessReportView,
  ListingCompletenessView,
  OrganisationCompletenessView,
  ReportService,
} from "../reports/report.service";
import type { CompletenessRequestDoc } from "./completeness-request.model";
import { CompletenessRequestService } from "./completeness-request.service";

export interface VendorCompletenessView {
  catalogueRevision: string;
  gapReportInput: CompletenessReportView["gapReportInput"];
  organisation: OrganisationDoc;
  summary: OrganisationCompletenessView;
  listings: ListingCompletenessView[];
  openRequests: CompletenessRequestDoc[];
}

/**
 * The completeness report as a vendor needs it: the whole report is
 * computed as the vendor sees the catalogue (so a cell's state counts every
 * listing they may see, not theirs alone), then narrowed to their own
 * organisation's entry and listings, with the open requests on them.
 */
export class VendorCompletenessService {
  constructor(private readonly ctx: Context) {}

  async mine(input: CompletenessReportInput): Promise<VendorCompletenessView> {
    const v = this.ctx.viewer;
    const orgId = v.role === Role.VENDOR ? v.organisationId : null;
    const catalogue = await this.ctx.catalogue();
    const organisation = orgId ? catalogue.organisationById.get(orgId) : undefined;
    if (!organisation) throw new ForbiddenError("only a vendor bound to an organisation has a completeness view");
    const [report, openRequests] = await Promise.all([
      new ReportService(this.ctx).completeness(input),
      new CompletenessRequestService(this.ctx).openForMyOrganisation(),
    ]);
    const own = (id: string | undefined) => id === orgId;
    const summary = report.organisations.find((o) => own(o.organisation?._id.toHexString())) ?? {
      organisation,
      listingCount: 0,
      incompleteListingCount: 0,
      incompleteShare: 0,
      fields: COMPLETENESS_FIELDS.map((field) => ({ field, unknownCount: 0, share: 0 })),
      affectedCellCount: 0,
      affectedShare: 0,
      couldCoverCellCount: 0,
      couldCoverShare: 0,
    };
    return {
      catalogueRevision: report.catalogueRevision,
      gapReportInput: report.gapReportInput,
      organisation,
      summary,
      listings: report.listings.filter((l) => own(l.listing.organisation?.toHexString())),
      openRequests,
    };
  }
}
