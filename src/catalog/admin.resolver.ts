import { ArrayMaxSize, IsOptional, MaxLength, ValidateNested } from "class-validator";
import { Arg, Authorized, Ctx, Field, InputType, Mutation, ObjectType, Resolver } from "type-graphql";
import { UserError } from "../accounts/account.type";
import { Role } from "../accounts/roles";
import type { Context } from "../context";
import { PlainText } from "../common/validation";
import { SourceInput } from "../listings/listing.input";
import { SYNONYM_LIMITS } from "./capabilities/capability.model";
import { Capability } from "./capabilities/capability.type";
import { TaxonomyService } from "./capabilities/taxonomy.service";
import { JurisdictionGroupService } from "./jurisdictions/jurisdiction-group.service";
import { Jurisdiction } from "./jurisdictions/jurisdiction.type";

@InputType()
class AddCapabilityInput {
  @Field(() => String)
  @MaxLength(80)
  slug!: string;

  @Field(() => String)
  @MaxLength(100)
  name!: string;

  @Field(() => String, { nullable: true, description: "Parent slug; none for a new function." })
  @IsOptional()
  @MaxLength(80)
  parent?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  description?: string | null;
}

@InputType({ description: "Another word or phrase for a capability, and where the source documents use it." })
class CapabilitySynonymInput {
  @Field(() => String, { description: "The word or phrase; trimmed, 1 to 80 characters." })
  @PlainText(200)
  term!: string;

  @Field(() => [SourceInput], { description: "At least one document (by slug) and a locator in it." })
  @ArrayMaxSize(SYNONYM_LIMITS.sourcesPerSynonym)
  @ValidateNested({ each: true })
  sources!: SourceInput[];
}

@ObjectType()
class CapabilityPayload {
  @Field(() => Capability, { nullable: true })
  capability!: Capability | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
class JurisdictionGroupPayload {
  @Field(() => Jurisdiction, { nullable: true })
  jurisdiction!: Jurisdiction | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

/** Taxonomy and jurisdiction-group maintenance (ADMIN); every call is audited. */
@Resolver()
export class CatalogueAdminResolver {
  @Authorized(Role.ADMIN)
  @Mutation(() => CapabilityPayload, { description: "Add a capability under a parent (or a new function)." })
  addCapability(@Arg("input", () => AddCapabilityInput) input: AddCapabilityInput, @Ctx() ctx: Context) {
    return new TaxonomyService(ctx).add(input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CapabilityPayload, { description: "Rename a capability; its slug stays." })
  renameCapability(
    @Arg("slug", () => String) slug: string,
    @Arg("name", () => String) name: string,
    @Arg("description", () => String, { nullable: true }) description: string | null,
    @Ctx() ctx: Context,
  ) {
    return new TaxonomyService(ctx).rename(slug, name, description ?? undefined);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CapabilityPayload, {
    description: "Move a capability and its subtree under another parent (null: make it a function).",
  })
  moveCapability(
    @Arg("slug", () => String) slug: string,
    @Arg("parent", () => String, { nullable: true }) parent: string | null,
    @Ctx() ctx: Context,
  ) {
    return new TaxonomyService(ctx).move(slug, parent);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CapabilityPayload, {
    description: "Retire a capability with no live children; it leaves the taxonomy and every listing.",
  })
  retireCapability(@Arg("slug", () => String) slug: string, @Ctx() ctx: Context) {
    return new TaxonomyService(ctx).retire(slug);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CapabilityPayload, {
    description: "Replace a capability's synonyms with this list (empty: none); each must cite a document.",
  })
  setCapabilitySynonyms(
    @Arg("slug", () => String) slug: string,
    @Arg("synonyms", () => [CapabilitySynonymInput]) synonyms: CapabilitySynonymInput[],
    @Ctx() ctx: Context,
  ) {
    return new TaxonomyService(ctx).setSynonyms(slug, synonyms);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => JurisdictionGroupPayload, { description: "Create a group of countries." })
  createJurisdictionGroup(
    @Arg("code", () => String) code: string,
    @Arg("name", () => String) name: string,
    @Arg("members", () => [String]) members: string[],
    @Ctx() ctx: Context,
  ) {
    return new JurisdictionGroupService(ctx).create(code, name, members);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => JurisdictionGroupPayload, { description: "Rename a group or set its members." })
  updateJurisdictionGroup(
    @Arg("code", () => String) code: string,
    @Arg("name", () => String, { nullable: true }) name: string | null,
    @Arg("members", () => [String], { nullable: true }) members: string[] | null,
    @Ctx() ctx: Context,
  ) {
    return new JurisdictionGroupService(ctx).update(code, name, members);
  }
}
