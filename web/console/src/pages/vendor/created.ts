/**
 * The listing the new-listing form has just created, so that its edit page,
 * where the form goes next, can say so once (a reload of that page does not).
 */
let created: string | null = null;

export function noteCreated(slug: string): void {
  created = slug;
}

/** Whether `slug` was just created; true once. */
export function takeCreated(slug: string): boolean {
  const was = created === slug;
  if (was) created = null;
  return was;
}
