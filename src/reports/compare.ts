/** A gap or single point of failure named by capability slug and jurisdiction code. */
export interface CellKey {
  capability: string;
  jurisdiction: string;
}

export const cellKey = (c: CellKey) => `${c.capability}|${c.jurisdiction}`;

export function parseCellKey(key: string): CellKey {
  const [capability, jurisdiction] = key.split("|");
  return { capability, jurisdiction };
}

/**
 * What changed between two gap reports: the gaps of the first that the second
 * no longer has (closed) and the gaps of the second the first did not have
 * (opened), each sorted; likewise for single points of failure.
 */
export function compareGapKeys(
  before: { gaps: string[]; singlePoints: string[] },
  after: { gaps: string[]; singlePoints: string[] },
) {
  const diff = (a: string[], b: string[]) => {
    const sb = new Set(b);
    return [...new Set(a)]
      .filter((k) => !sb.has(k))
      .sort()
      .map(parseCellKey);
  };
  return {
    closed: diff(before.gaps, after.gaps),
    opened: diff(after.gaps, before.gaps),
    singlePointsResolved: diff(before.singlePoints, after.singlePoints),
    singlePointsNew: diff(after.singlePoints, before.singlePoints),
  };
}
