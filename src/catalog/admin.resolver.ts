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

@InputType({ description: "A new node of the capability taxonomy." })
class AddCapabilityInput {
  @Field(() => String, {
    description:
      "Lowercase words joined by single hyphens, at most 80 characters; no other capability, retired ones included, may have it.",
  })
  @MaxLength(80)
  slug!: string;

  @Field(() => String, { description: "The capability's name, 1 to 100 characters." })
  @MaxLength(100)
  name!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "Parent slug; none for a new function. The parent must be a function or a capability: the tree is three levels deep.",
  })
  @IsOptional()
  @MaxLength(80)
  parent?: string | null;

  @Field(() => String, { nullable: true, description: "What the capability covers, at most 500 characters." })
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

@ObjectType({ description: "The outcome of a change to the capability taxonomy." })
class CapabilityPayload {
  @Field(() => Capability, { nullable: true, description: "The capability as the change left it; null when refused." })
  capability!: Capability | null;

  @Field(() => [UserError], { description: "Why the change was refused; empty when it was made." })
  userErrors!: UserError[];
}

@ObjectType({ description: "The outcome of a change to a jurisdiction group." })
class JurisdictionGroupPayload {
  @Field(() => Jurisdiction, { nullable: true, description: "The group as the change left it; null when refused." })
  jurisdiction!: Jurisdiction | null;

  @Field(() => [UserError], { description: "Why the change was refused; empty when it was made." })
  userErrors!: UserError[];
}

/** Taxonomy and jurisdiction-group maintenance (ADMIN); every call is audited. */
@Resolver()
export class CatalogueAdminResolver {
  @Authorized(Role.ADMIN)
  @Mutation(() => CapabilityPayload, {
    description: "Add a capability under a parent, or a new function (ADMIN).",
  })
  addCapability(
    @Arg("input", () => AddCapabilityInput, { description: "The new capability." }) input: AddCapabilityInput,
    @Ctx() ctx: Context,
  ) {
    return new TaxonomyService(ctx).add(input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CapabilityPayload, { description: "Rename a capability; its slug stays (ADMIN)." })
  renameCapability(
    @Arg("slug", () => String, { description: "The capability's slug." }) slug: string,
    @Arg("name", () => String, { description: "The new name, 1 to 100 characters." }) name: string,
    @Arg("description", () => String, {
      nullable: true,
      description: "A new description; omitted or null keeps the current one.",
    })
    description: string | null,
    @Ctx() ctx: Context,
  ) {
    return new TaxonomyService(ctx).rename(slug, name, description ?? undefined);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CapabilityPayload, {
    description:
      "Move a capability and its subtree under another parent (null: make it a function), keeping the tree at most three levels deep (ADMIN).",
  })
  moveCapability(
    @Arg("slug", () => String, { description: "The capability's slug." }) slug: string,
    @Arg("parent", () => String, { nullable: true, description: "The new parent's slug; null makes it a function." })
    parent: string | null,
    @Ctx() ctx: Context,
  ) {
    return new TaxonomyService(ctx).move(slug, parent);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CapabilityPayload, {
    description: "Retire a capability with no live children; it leaves the taxonomy and every listing (ADMIN).",
  })
  retireCapability(
    @Arg("slug", () => String, { description: "The capability's slug." }) slug: string,
    @Ctx() ctx: Context,
  ) {
    return new TaxonomyService(ctx).retire(slug);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CapabilityPayload, {
    description:
      "Replace a capability's synonyms with this list (empty: none); each must cite a document (ADMIN). Nothing changes if any is refused.",
  })
  setCapabilitySynonyms(
    @Arg("slug", () => String, { description: "The capability's slug." }) slug: string,
    @Arg("synonyms", () => [CapabilitySynonymInput], {
      description: "The whole new list, at most 20, each term distinct from the others and from the name.",
    })
    synonyms: CapabilitySynonymInput[],
    @Ctx() ctx: Context,
  ) {
    return new TaxonomyService(ctx).setSynonyms(slug, synonyms);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => JurisdictionGroupPayload, { description: "Create a group of countries (ADMIN)." })
  createJurisdictionGroup(
    @Arg("code", () => String, {
      description: "3 to 40 upper-case letters, digits or underscores, starting with a letter; not already taken.",
    })
    code: string,
    @Arg("name", () => String, { description: "The group's name, 1 to 200 characters." }) name: string,
    @Arg("members", () => [String], {
      description: "1 to 300 country codes (ISO 3166-1 alpha-2); repeats are dropped.",
    })
    members: string[],
    @Ctx() ctx: Context,
  ) {
    return new JurisdictionGroupService(ctx).create(code, name, members);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => JurisdictionGroupPayload, { description: "Rename a group or set its members (ADMIN)." })
  updateJurisdictionGroup(
    @Arg("code", () => String, { description: "The group's code." }) code: string,
    @Arg("name", () => String, { nullable: true, description: "The new name, 1 to 200 characters; null keeps it." })
    name: string | null,
    @Arg("members", () => [String], {
      nullable: true,
      description: "The whole new member list, 1 to 300 country codes; null keeps it.",
    })
    members: string[] | null,
    @Ctx() ctx: Context,
  ) {
    return new JurisdictionGroupService(ctx).update(code, name, members);
  }
}
