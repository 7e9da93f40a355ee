import { IMPORT_CSV_COLUMNS, readImport } from "../../src/imports/import.format";

/** The CSV cells that carry more than one value, decoded into the seed's listing shape. */
describe("import CSV cells", () => {
  const row = (cells: Partial<Record<(typeof IMPORT_CSV_COLUMNS)[number], string>>) => {
    const header = IMPORT_CSV_COLUMNS.join(",");
    const line = IMPORT_CSV_COLUMNS.map((c) => JSON.stringify(cells[c] ?? "")).join(",");
    return readImport(`${header}\n${line}\n`, "csv")[0];
  };

  it("reads WORLDWIDE among the availability items as available worldwide, the rest as its exceptions", () => {
    const r = row({ slug: "x", availability: "worldwide; US=UNAVAILABLE|export rules" });
    expect(r.problems).toEqual([]);
    expect(r.raw).toMatchObject({
      availableWorldwide: true,
      availability: [{ jurisdiction: "US", status: "UNAVAILABLE", notes: "export rules" }],
    });
  });

  it("leaves worldwide availability unstated without the item", () => {
    const r = row({ slug: "x", availability: "GB=AVAILABLE" });
    expect((r.raw as Record<string, unknown>).availableWorldwide).toBeUndefined();
  });
});
