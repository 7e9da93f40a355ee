import { request } from "node:http";
import { startTestApp, TestApp } from "../helpers/app";

const TOKEN = "metrics-token-0123456789abcdef";
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: true, metricsToken: TOKEN });
});
afterAll(async () => {
  await t.close();
});

const metricsUrl = () => t.runtime.url.replace(/\/graphql$/, "/metrics");
const scrape = async () => (await fetch(metricsUrl())).text();

/** A GET from another source address (127.0.0.2), which the server does not treat as this host. */
function getFromElsewhere(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { localAddress: "127.0.0.2", headers }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** The value of one sample line, or null. */
function sample(text: string, series: string): number | null {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}

describe("/metrics", () => {
  it("counts requests by operation name and outcome, with latency histograms", async () => {
    const ok = await fetch(t.runtime.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "query ListTools { tools(first: 2) { totalCount } }", operationName: "ListTools" }),
    });
    expect(ok.status).toBe(200);
    await t.gql(`query BadInput { tools(first: 0) { totalCount } }`);
    await t.gql(`query Unknown { nope }`);
    const text = await scrape();
    expect(sample(text, 'ti_graphql_requests_total{operation="ListTools",outcome="ok"}')).toBe(1);
    expect(sample(text, 'ti_graphql_requests_total{operation="BadInput",outcome="BAD_USER_INPUT"}')).toBe(1);
    expect(sample(text, 'ti_graphql_requests_total{operation="Unknown",outcome="GRAPHQL_VALIDATION_FAILED"}')).toBe(1);
    expect(sample(text, 'ti_graphql_request_duration_seconds_count{operation="ListTools"}')).toBe(1);
    expect(sample(text, 'ti_graphql_request_duration_seconds_bucket{le="10",operation="ListTools"}')).toBe(1);
    expect(sample(text, 'ti_http_requests_total{route="/graphql",status="200"}')).toBeGreaterThanOrEqual(2);
    // Database commands are timed by the driver's own monitoring.
    expect(sample(text, 'ti_db_command_duration_seconds_count{command="find",outcome="ok"}')).toBeGreaterThan(0);
    expect(sample(text, "ti_database_ready")).toBe(1);
    expect(sample(text, "ti_process_resident_memory_bytes")).toBeGreaterThan(0);
    expect(text).toMatch(/^# TYPE ti_graphql_request_duration_seconds histogram$/m);
  });

  it("keeps client-chosen operation names to a bounded set of labels", async () => {
    for (let i = 0; i < 210; i++) {
      await t.gql(`query Op${i} { __typename }`);
    }
    await t.gql(`{ __typename }`);
    const text = await scrape();
    const names = new Set([...text.matchAll(/^ti_graphql_requests_total\{operation="([^"]+)"/gm)].map((m) => m[1]));
    expect(names.size).toBeLessThanOrEqual(200 + 3);
    expect(names.has("_other")).toBe(true);
    expect(names.has("_anonymous")).toBe(true);
  });

  it("answers other hosts only with the metrics token", async () => {
    const refused = await getFromElsewhere(metricsUrl());
    expect(refused.status).toBe(403);
    const wrong = await getFromElsewhere(metricsUrl(), { authorization: `Bearer ${TOKEN.replace("0", "1")}` });
    expect(wrong.status).toBe(403);
    const allowed = await getFromElsewhere(metricsUrl(), { authorization: `Bearer ${TOKEN}` });
    expect(allowed.status).toBe(200);
    expect(allowed.body).toMatch(/^ti_http_requests_total/m);
  });
});
