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
    return this.ctx.models.Tool.find({ classificationSchemes: scheme._id, ...visibleListings(this.ctx.viewer) })
      .sort({ sortName: 1, slug: 1 })
      .lean<ToolDoc[]>();
  }
}
