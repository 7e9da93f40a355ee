import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { SearchField } from "./ranked";

registerEnumType(SearchField, {
  name: "SearchField",
  description: "A part of a listing that search text is matched against.",
  valuesConfig: {
    NAME: { description: "The listing's name." },
    ALIASES: { description: "Other names the listing is known by." },
    CAPABILITIES: { description: "The names and synonyms of its capabilities and of their parents." },
    ORGANISATION: { description: "The name and aliases of the organisation that owns it." },
    SUMMARY: { description: "Its summary." },
    KIND: { description: "What sort of thing it is (tool, database, service, …)." },
  },
});

export enum SuggestionKind {
  LISTING = "LISTING",
  ORGANISATION = "ORGANISATION",
  CAPABILITY = "CAPABILITY",
}

registerEnumType(SuggestionKind, {
  name: "SuggestionKind",
  description: "What a type-ahead suggestion names.",
  valuesConfig: {
    LISTING: { description: "A listing; its slug is for `listing(slug:)`." },
    ORGANISATION: {
      description: "An organisation; its slug is for `organisation(slug:)` and `ListingFilter.organisations`.",
    },
    CAPABILITY: { description: "A capability of the taxonomy; its slug is for `ListingFilter.capabilities`." },
  },
});

@ObjectType({
  description: "A stretch of text, as offsets in UTF-16 code units (JavaScript string indices): [start, end).",
})
export class TextRange {
  @Field(() => Int, { description: "Offset of the first character." })
  start!: number;

  @Field(() => Int, { description: "Offset just past the last character." })
  end!: number;
}

@ObjectType({
  description: "A short passage of a matched listing showing why it matched, with the matching words marked.",
})
export class SearchSnippet {
  @Field(() => SearchField, { description: "The field the passage comes from." })
  field!: SearchField;

  @Field(() => String, { description: "The passage; a long summary is cut around its first match, with … where cut." })
  text!: string;

  @Field(() => [TextRange], { description: "Where the matching words are in `text`, in order." })
  highlights!: TextRange[];
}

/** The fields search adds to a listing's edge (a base class: no type of its own is emitted). */
@ObjectType()
export class SearchEdgeFields {
  @Field(() => [SearchField], {
    description:
      "The fields of the listing that held a word of the search text, strongest first; empty without search text.",
  })
  matchedFields!: SearchField[];

  @Field(() => SearchSnippet, { nullable: true, description: "Why the listing matched; null without search text." })
  snippet!: SearchSnippet | null;
}

@ObjectType({
  description: "A type-ahead suggestion: a listing, organisation or capability whose name begins with what was typed.",
})
export class Suggestion {
  @Field(() => SuggestionKind, { description: "What the suggestion names." })
  kind!: SuggestionKind;

  @Field(() => String, { description: "Its slug." })
  slug!: string;

  @Field(() => String, { description: "Its name, to show." })
  label!: string;

  @Field(() => [TextRange], { description: "Where the typed words are in `label`." })
  highlights!: TextRange[];
}
