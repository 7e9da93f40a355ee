import { compareKeys } from "../../common/pagination";
import type { Context } from "../../context";
import { visibleListings } from "../visibility";
import type { ToolDoc } from "../tools/tool.model";
import type { ClassificationSchemeDoc } from "./classification-scheme.model";

/** Reads classification schemes and the visible listings that support each. */
export class ClassificationSchemeService {
  constructor(private readonly ctx: Context) {}

  async list(): Promise<ClassificationSchemeDoc[]> {
    return this.ctx.models.ClassificationScheme.find({}).sort({ name: 1 }).lean<ClassificationSchemeDoc[]>();
  }

  async supportingTools(scheme: ClassificationSchemeDoc): Promise<ToolDoc[]> {
    const { listings } = await this.ctx.catalogue();
    return visibleListings(this.ctx.viewer, listings)
      .filter((t) => t.classificationSchemes.some((s) => s.equals(scheme._id)))
      .sort((a, b) => compareKeys([a.sortName, a.slug], [b.sortName, b.slug]));
  }
}
