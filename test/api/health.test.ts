import { startTestApp, TestApp } from "../helpers/app";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const base = () => t.runtime.url.replace(/\/graphql$/, "");

describe("health", () => {
  it("answers /livez and /readyz while the database is reachable", async () => {
    const live = await fetch(`${base()}/livez`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${base()}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ok" });
  });

  it("answers with a request id of its own, never the client's", async () => {
    const ids = [];
    for (const headers of [{ "x-request-id": "abc-123" }, { "x-request-id": "bad id with {braces}" }, {}] as Record<
      string,
      string
    >[]) {
      const res = await fetch(`${base()}/livez`, { headers });
      ids.push(res.headers.get("x-request-id"));
    }
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(3);
  });

  it("refuses a body over 100 kB", async () => {
    const res = await fetch(t.runtime.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ tools { totalCount } }`, pad: "x".repeat(110_000) }),
    });
    expect(res.status).toBe(413);
  });
});

describe("readiness without a database", () => {
  it("answers 503 once the connection is gone", async () => {
    const other = await startTestApp();
    const url = other.runtime.url.replace(/\/graphql$/, "");
    await other.runtime.connection.close();
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);
    await new Promise<void>((r) => other.runtime.server.close(() => r()));
  });
});

describe("production mode", () => {
  it("refuses introspection and sends no stack traces", async () => {
    const prod = await startTestApp({ production: true });
    try {
      const intro = await prod.gql(`{ __schema { types { name } } }`);
      expect(intro.errors?.[0].message).toMatch(/introspection/i);
      const bad = await prod.gql(`{ tools(first: 0) { totalCount } }`);
      expect(bad.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(JSON.stringify(bad)).not.toMatch(/stacktrace|\.ts:\d+/);
      const unknown = await prod.gql(`{ tools(filter: { capabilities: ["x"] }) { totalCount } }`);
      expect(JSON.stringify(unknown)).not.toMatch(/stacktrace/);
    } finally {
      await prod.close();
    }
  });
});
