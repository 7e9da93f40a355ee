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
  close(): Promise<void>;
}

export async function startTcpProxy(targetUri: string, mode: ProxyMode = "forward"): Promise<TcpProxy> {
  const target = new URL(targetUri);
  const sockets = new Set<Socket>();
  let current = mode;

  const track = (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => s.destroy());
  };
  const relay = (from: Socket, to: Socket) => {
    from.on("data", (chunk) => {
      if (current === "forward") to.write(chunk);
    });
    from.on("close", () => to.destroy());
  };

  const server: Server = createServer((client) => {
    track(client);
    if (current === "refuse") {
      client.destroy();
      return;
    }
    const upstream = connect(Number(target.port || 27017), target.hostname);
    track(upstream);
    relay(client, upstream);
    relay(upstream, client);
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
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
