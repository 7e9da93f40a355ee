import { createServer, connect, Server, Socket } from "node:net";
import type { AddressInfo } from "node:net";

/**
 * "forward" relays bytes; "refuse" drops every open connection and closes new
 * ones at once (a database that has gone away); "stall" keeps connections
 * open but relays nothing (a database that hangs).
 */
export type ProxyMode = "forward" | "refuse" | "stall";

/** A TCP proxy on 127.0.0.1 in front of the test database, for fault tests. */
export interface TcpProxy {
  port: number;
  /** The database URI rewritten to go through the proxy. */
  uri: string;
  setMode(mode: ProxyMode): void;
  /** Holds every answer from the database this long before relaying it, in order (0: none): a slow database. */
  setReplyDelay(ms: number): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetUri: string, mode: ProxyMode = "forward"): Promise<TcpProxy> {
  const target = new URL(targetUri);
  const sockets = new Set<Socket>();
  let current = mode;
  let replyDelayMs = 0;

  const track = (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => s.destroy());
  };
  const relay = (from: Socket, to: Socket, delayed: boolean) => {
    // Chunks held back are relayed in the order they came, each no sooner than the delay after it came.
    let held = 0;
    let previous = Promise.resolve();
    from.on("data", (chunk) => {
      if (current !== "forward") return;
      const delay = delayed ? replyDelayMs : 0;
      if (delay === 0 && held === 0) {
        to.write(chunk);
        return;
      }
      held++;
      const due = new Promise<void>((resolve) => setTimeout(resolve, delay));
      previous = Promise.all([previous, due]).then(() => {
        held--;
        if (current === "forward" && !to.destroyed) to.write(chunk);
      });
    });
    from.on("close", () => void previous.then(() => to.destroy()));
  };

  const server: Server = createServer((client) => {
    track(client);
    if (current === "refuse") {
      client.destroy();
      return;
    }
    const upstream = connect(Number(target.port || 27017), target.hostname);
    track(upstream);
    relay(client, upstream, false);
    relay(upstream, client, true);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const uri = new URL(targetUri);
  uri.hostname = "127.0.0.1";
  uri.port = String(port);
  if (!uri.searchParams.has("directConnection")) uri.searchParams.set("directConnection", "true");

  return {
    port,
    uri: uri.toString(),
    setMode(next) {
      // Bytes dropped while stalled leave the streams unusable: leaving "stall" or entering "refuse" drops them.
      if (next === "refuse" || current === "stall") for (const s of sockets) s.destroy();
      current = next;
    },
    setReplyDelay(ms) {
      replyDelayMs = ms;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
