import pino, { Logger } from "pino";

/** One structured logger for the process; request loggers are its children carrying the request id. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "technical-inventory" },
    redact: { paths: ["req.headers.authorization", "headers.authorization", "*.token"], censor: "[redacted]" },
  });
}

export type { Logger };
