import { startTestApp, TestApp } from "../helpers/app";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: true });
});
afterAll(async () => {
  await t.close();
});

const PAGE = `query($first: Int) { tools(first: $first, orderBy: NAME) {
  edges { node { slug organisation { name type country { code } }
    capabilities { slug name parent { slug } }
    availability { jurisdiction { code name } status }
    sources { document { title } locator } } } } }`;

async function commandsFor(first: number): Promise<{ count: number; names: string[]; nodes: number }> {
  await t.gql(PAGE, { first: 1 });
  t.commands.length = 0;
  const r = await t.gql<{ tools: { edges: unknown[] } }>(PAGE, { first });
  expect(r.errors).toBeUndefined();
  const names = t.commands.filter((c) => c !== "ping" && c !== "hello" && c !== "isMaster");
  return { count: names.length, names, nodes: r.data!.tools.edges.length };
}

describe("batching", () => {
  it("sends the same number of database commands for 10 listings as for 100", async () => {
    const ten = await commandsFor(10);
    const hundred = await commandsFor(100);
    expect(ten.nodes).toBe(10);
    expect(hundred.nodes).toBe(100);
    expect({ names: hundred.names.sort() }).toEqual({ names: ten.names.sort() });
    expect(hundred.count).toBeLessThanOrEqual(10);
  });
});
