import pino, { DestinationStream, Logger } from "pino";

/**
 * Bytes of log lines gathered before they are written, the longest a line
 * waits when fewer come, and the most that may wait: if standard output stops
 * being read, lines past 16 MiB are dropped rather than held without bound.
 */
const LOG_BATCH = { minLength: 4096, periodicFlush: 250, maxLength: 16 * 1024 * 1024 };

/**
 * One structured logger for the process; request loggers are its children
 * carrying the request id.
 *
 * Without a destination, lines go to standard output in batches (LOG_BATCH),
 * written off the event loop: a write to a pipe per line, one per request,
 * cost the server more than the rest of answering a small query. Pino
 * writes what is queued when the process exits, however it exits; only a
 * process killed outright (SIGKILL, out of memory) can lose its last quarter
 * second of lines, and a reader that stops reading costs lines, not memory.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: "technical-inventory" },
    redact: { paths: ["req.headers.authorization", "headers.authorization", "*.token"], censor: "[redacted]" },
  };
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false, ...LOG_BATCH }));
}

export type { Logger };
