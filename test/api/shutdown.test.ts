import { startServerProcess, waitReady } from "../helpers/server-process";

/**
 * SIGTERM under load, against the real server process: readiness fails
 * first, every request already accepted is answered, the process exits 0
 * well within 25 s. The load stops sending, as a load balancer would, once
 * readiness fails.
 */

const QUERIES = [
  `{ tools(first: 20, search: "hash") { totalCount edges { node { slug name organisation { name } } } } }`,
  `{ gapReport(input: { depth: FUNCTION }) { coverage cells { gap organisationCount } } }`,
  `{ tools(first: 50, orderBy: NAME) { totalCount facets { capabilities { value count } } } }`,
];

describe("SIGTERM", () => {
  it("drains: readiness fails first, in-flight requests finish, exit 0 within 25 s", async () => {
    const { child, url, base, output, exited } = await startServerProcess();
    await waitReady(base, 30_000);

    let stopSending = false;
    let sigtermAt = Infinity;
    let notReadyAt = Infinity;
    const results: { ok: boolean; started: number; ended: number; detail: string }[] = [];
    const worker = async (w: number) => {
      for (let i = 0; i < 2000 && !stopSending; i++) {
        const started = Date.now();
        try {
          const res = await fetch(url, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ query: QUERIES[(w + i) % QUERIES.length] }),
          });
          const text = await res.text();
          const body = JSON.parse(text) as { errors?: unknown };
          results.push({
            ok: res.status === 200 && !body.errors,
            started,
            ended: Date.now(),
            detail: `${res.status} ${text.slice(0, 300)}`,
          });
        } catch (e) {
          results.push({ ok: false, started, ended: Date.now(), detail: String((e as Error).cause ?? e) });
        }
      }
    };
    // The load balancer: polls readiness and stops routing here once it fails.
    const balancer = (async () => {
      for (let i = 0; i < 600 && !stopSending; i++) {
        const r = await fetch(`${base}/readyz`).catch(() => null);
        if (r?.status !== 200 && sigtermAt !== Infinity) {
          notReadyAt = Date.now();
          stopSending = true;
        }
        await new Promise((res) => setTimeout(res, 100));
      }
      stopSending = true;
    })();
    const workers = Array.from({ length: 8 }, (_, w) => worker(w));

    await new Promise((res) => setTimeout(res, 1500));
    sigtermAt = Date.now();
    child.kill("SIGTERM");
    await Promise.all([...workers, balancer]);
    const exit = await exited;

    const failed = results.filter((r) => !r.ok);
    const inFlightAtSigterm = results.filter((r) => r.started < sigtermAt && r.ended > sigtermAt);
    const afterSigterm = results.filter((r) => r.started >= sigtermAt);
    expect(failed).toEqual([]);
    expect(results.length).toBeGreaterThan(10);
    // Not vacuous: requests were running when the signal came, and more were accepted during the grace period.
    expect(inFlightAtSigterm.length).toBeGreaterThan(0);
    expect(afterSigterm.length).toBeGreaterThan(0);
    // Readiness failed before the server stopped accepting (grace 1 s).
    expect(notReadyAt - sigtermAt).toBeLessThan(1000);
    expect(exit.code).toBe(0);
    expect(exit.at - sigtermAt).toBeLessThan(25_000);
    const log = output.join("");
    expect(log).toMatch(/shutting down: readiness now fails/);
    expect(log).toMatch(/"msg":"stopped"/);
  });
});
