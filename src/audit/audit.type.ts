import { Node } from "../node/node.type";
import { Field, ObjectType, registerEnumType } from "type-graphql";
import { ConnectionType } from "../common/connection.type";
import { AuditOutcome } from "./audit.model";

registerEnumType(AuditOutcome, {
  name: "AuditOutcome",
  description: "What became of the operation an audit event records.",
  valuesConfig: {
    ACCEPTED: { description: "The change was made." },
    REFUSED: { description: "Refused for authorisation; nothing changed." },
    INVALID: { description: "Refused because the input was not valid; nothing changed." },
  },
});

@ObjectType({
  description:
    "One mutation or audited query (apiTokens), accepted or refused: who, what, when, the outcome and the change.",
  implements: Node,
})
export class AuditEvent implements Node {
  id!: string;

  @Field(() => Date, { description: "When it happened." })
  at!: Date;

  @Field(() => String, {
    nullable: true,
    description: "User id, `system` for the command-line tool, null when anonymous.",
  })
  actorId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The actor's Role, `SYSTEM` for the command-line tool, null when anonymous.",
  })
  actorRole!: string | null;

  @Field(() => String, { description: "The mutation or audited query, by field name, such as `updateListing`." })
  operation!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "What it acted on, as `kind:key`: `listing:<slug>`, `user:<id or e-mail>`, `token:<id>`, `capability:<slug>`, `jurisdiction:<code>` or `report:<id>`; null when nothing was named.",
  })
  target!: string | null;

  @Field(() => String, { description: "The id this API gave the request (its X-Request-Id response header)." })
  requestId!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The X-Request-Id the client sent, when it was printable ASCII of at most 64 characters; the client's claim, not ours.",
  })
  clientRequestId!: string | null;

  @Field(() => AuditOutcome, { description: "Whether it was accepted or refused, and why refused." })
  outcome!: AuditOutcome;

  @Field(() => String, {
    nullable: true,
    description: "Why it was refused, or a note on an accepted one; at most 1000 characters; null when none.",
  })
  reason!: string | null;

  @Field(() => String, { nullable: true, description: "JSON: field → [before, after]." })
  changes!: string | null;
}

@ObjectType({ description: "A page of audit events, newest first." })
export class AuditEventConnection extends ConnectionType("AuditEvent", AuditEvent) {}
