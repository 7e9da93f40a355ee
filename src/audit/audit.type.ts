import { Node } from "../node/node.type";
import { Field, ObjectType, registerEnumType } from "type-graphql";
import { ConnectionType } from "../common/connection.type";
import { AuditOutcome } from "./audit.model";

registerEnumType(AuditOutcome, {
  name: "AuditOutcome",
  valuesConfig: {
    ACCEPTED: { description: "The change was made." },
    REFUSED: { description: "Refused for authorisation." },
    INVALID: { description: "Refused because the input was not valid; nothing changed." },
  },
});

@ObjectType({
  description: "One mutation, accepted or refused: who, what, when, the outcome and the change.",
  implements: Node,
})
export class AuditEvent implements Node {
  id!: string;

  @Field(() => Date)
  at!: Date;

  @Field(() => String, {
    nullable: true,
    description: "User id, `system` for the command-line tool, null when anonymous.",
  })
  actorId!: string | null;

  @Field(() => String, { nullable: true })
  actorRole!: string | null;

  @Field(() => String)
  operation!: string;

  @Field(() => String, { nullable: true })
  target!: string | null;

  @Field(() => String, { description: "The id this API gave the request (its X-Request-Id response header)." })
  requestId!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The X-Request-Id the client sent, when it was printable ASCII of at most 64 characters; the client's claim, not ours.",
  })
  clientRequestId!: string | null;

  @Field(() => AuditOutcome)
  outcome!: AuditOutcome;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => String, { nullable: true, description: "JSON: field → [before, after]." })
  changes!: string | null;
}

@ObjectType()
export class AuditEventConnection extends ConnectionType("AuditEvent", AuditEvent) {}
