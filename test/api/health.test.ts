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

  it("echoes a well-formed request id and makes one otherwise", async () => {
    const given = await fetch(`${base()}/livez`, { headers: { "x-request-id": "abc-123" } });
    expect(given.headers.get("x-request-id")).toBe("abc-123");
    const made = await fetch(`${base()}/livez`, { headers: { "x-request-id": "bad id with spaces and {braces}" } });
    expect(made.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
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
