import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** Latency buckets in seconds, from a cached read (~1 ms) to the execution timeout (10 s). */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Operation names are chosen by clients: this many distinct names are kept as labels, the rest count as "_other". */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * The process's Prometheus metrics, in a registry of its own (each app in a
 * test process has one). Every label takes values from a bounded set.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();

  readonly httpRequests = new Counter({
    name: "ti_http_requests_total",
    help: "HTTP requests by route and status code.",
    labelNames: ["route", "status"] as const,
    registers: [this.registry],
  });
  readonly graphqlRequests = new Counter({
    name: "ti_graphql_requests_total",
    help: "GraphQL requests by operation name and outcome (ok, or the first error code).",
    labelNames: ["operation", "outcome"] as const,
    registers: [this.registry],
  });
  readonly graphqlDuration = new Histogram({
    name: "ti_graphql_request_duration_seconds",
    help: "GraphQL request latency by operation name, from arrival to response.",
    labelNames: ["operation"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: "ti_http_request_duration_seconds",
    help: "HTTP request latency by route.",
    labelNames: ["route"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly dbCommandDuration = new Histogram({
    name: "ti_db_command_duration_seconds",
    help: "Database command round-trip time by command and outcome.",
    labelNames: ["command", "outcome"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly rateLimitRejections = new Counter({
    name: "ti_rate_limit_rejections_total",
    help: "Requests refused with 429, by the limit that refused them (address or token).",
    labelNames: ["scope"] as const,
    registers: [this.registry],
  });
  readonly timeouts = new Counter({
    name: "ti_request_timeouts_total",
    help: "Requests answered with TIMEOUT because they ran past the execution timeout.",
    registers: [this.registry],
  });
  private databaseProbe: () => boolean = () => false;
  readonly databaseReady: Gauge = new Gauge({
    name: "ti_database_ready",
    help: "1 when the database is connected and set up, else 0.",
    registers: [this.registry],
    collect: (): void => this.databaseReady.set(this.databaseProbe() ? 1 : 0),
  });

  constructor(opts: { defaultMetrics?: boolean; databaseReady?: () => boolean } = {}) {
    if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: "ti_" });
    if (opts.databaseReady) this.databaseProbe = opts.databaseReady;
  }

  /** A label for a client-chosen operation name: well-formed and among the first 200 seen, else a fixed word. */
  operationLabel(name: unknown): string {
    if (typeof name !== "string" || name === "") return "_anonymous";
    if (!OPERATION_NAME.test(name)) return "_invalid";
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return "_other";
    this.operationNames.add(name);
    return name;
  }

  observeDbCommand(command: string, ok: boolean, durationMs: number): void {
    this.dbCommandDuration.observe({ command, outcome: ok ? "ok" : "error" }, durationMs / 1000);
  }
}
