import pino, { DestinationStream, Logger } from "pino";

/** One structured logger for the process; request loggers are its children carrying the request id. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: "technical-inventory" },
    redact: { paths: ["req.headers.authorization", "headers.authorization", "*.token"], censor: "[redacted]" },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
