import { fstatSync } from "node:fs";

/**
 * Calls `onGone` once, when this process's stdin, a pipe from the process that
 * started it, comes to its end. The kernel closes the other end when that
 * process exits however it exits (SIGKILL and crashes included), so this is
 * how a child learns that its parent is gone without polling. A spawner that
 * wants this passes a pipe as stdin, never writes to it, and sets
 * STOP_WHEN_STDIN_CLOSES=true.
 *
 * Returns false, doing nothing, when stdin is not a pipe (a terminal or
 * /dev/null would end at once or never). Does not keep the process alive.
 */
export function whenStdinCloses(onGone: () => void): boolean {
  let stat;
  try {
    stat = fstatSync(0);
  } catch {
    return false;
  }
  if (!stat.isFIFO() && !stat.isSocket()) return false;
  let called = false;
  const gone = () => {
    if (called) return;
    called = true;
    onGone();
  };
  const stdin = process.stdin;
  stdin.once("end", gone);
  stdin.once("close", gone);
  stdin.once("error", gone);
  // Anything written is read and dropped, so the pipe never fills.
  stdin.resume();
  stdin.unref();
  return true;
}
