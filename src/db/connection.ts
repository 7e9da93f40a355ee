import mongoose, { Connection, ConnectOptions as MongooseConnectOptions } from "mongoose";

// Filters never carry operators from user input: sanitizeFilter strips `$`
// keys from filter objects, and strictQuery rejects unknown paths.
mongoose.set("sanitizeFilter", true);
mongoose.set("strictQuery", "throw");
mongoose.set("autoIndex", false);

/** What the driver reports about each command it sends; used by tests and metrics. */
export interface CommandObserver {
  /** Each command the driver sends and the collection it names. */
  onCommand?: (name: string, collection: string | null) => void;
  /** Each command's outcome and round-trip time. */
  onCommandDone?: (name: string, ok: boolean, durationMs: number) => void;
}

export interface ConnectOptions extends CommandObserver {
  uri: string;
  dbName: string;
}

/**
 * Driver settings for the one connection a process uses. Timeouts are short
 * so that a missing or silent database is noticed in seconds, not after the
 * driver's 30 s defaults; commands are never buffered while disconnected, so
 * nothing waits on a connection that is not there.
 */
export function connectionOptions(dbName: string, monitor: boolean): MongooseConnectOptions {
  return {
    dbName,
    serverSelectionTimeoutMS: 3000,
    connectTimeoutMS: 3000,
    heartbeatFrequencyMS: 2000,
    socketTimeoutMS: 30_000,
    maxPoolSize: 20,
    bufferCommands: false,
    monitorCommands: monitor,
  };
}

/** Creates a connection that has not been opened yet; open it with `openConnection`. */
export function createConnection(): Connection {
  const conn = mongoose.createConnection();
  conn.set("bufferCommands", false);
  return conn;
}

const observed = new WeakSet<object>();

/**
 * Opens (or reopens, after a failed attempt) a connection and attaches the
 * observer to the driver client it ends up with.
 */
export async function openConnection(
  conn: Connection,
  uri: string,
  dbName: string,
  observer: CommandObserver = {},
): Promise<void> {
  await conn.openUri(uri, connectionOptions(dbName, Boolean(observer.onCommand || observer.onCommandDone)));
  const client = conn.getClient();
  if (!observed.has(client)) {
    observed.add(client);
    attachObserver(client, observer);
  }
}

function attachObserver(client: ReturnType<Connection["getClient"]>, observer: CommandObserver): void {
  const { onCommand, onCommandDone } = observer;
  if (onCommand) {
    client.on("commandStarted", (e) => {
      const target = (e.command as Record<string, unknown>)[e.commandName];
      onCommand(e.commandName, typeof target === "string" ? target : null);
    });
  }
  if (onCommandDone) {
    client.on("commandSucceeded", (e) => onCommandDone(e.commandName, true, e.duration));
    client.on("commandFailed", (e) => onCommandDone(e.commandName, false, e.duration));
  }
}

/** Opens a connection and waits for it: for the command-line tools, which have nothing to do without one. */
export async function connect(opts: ConnectOptions): Promise<Connection> {
  const conn = createConnection();
  await openConnection(conn, opts.uri, opts.dbName, opts);
  return conn;
}
