import { Visibility } from "../catalog/enums";

export enum Role {
  ADMIN = "ADMIN",
  REVIEWER = "REVIEWER",
  LAW_ENFORCEMENT = "LAW_ENFORCEMENT",
  VENDOR = "VENDOR",
}

/**
 * Which listing visibilities each kind of caller may see: PUBLIC for all,
 * MEMBERS for anyone signed in, LAW_ENFORCEMENT for law enforcement,
 * reviewers and admins.
 */
export function visibilitiesFor(role: Role | null): Visibility[] {
  if (role === null) return [Visibility.PUBLIC];
  if (role === Role.VENDOR) return [Visibility.PUBLIC, Visibility.MEMBERS];
  return [Visibility.PUBLIC, Visibility.MEMBERS, Visibility.LAW_ENFORCEMENT];
}
