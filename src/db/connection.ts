import mongoose, { Connection } from "mongoose";

// Filters never carry operators from user input: sanitizeFilter strips `$`
// keys from filter objects, and strictQuery rejects unknown paths.
mongoose.set("sanitizeFilter", true);
mongoose.set("strictQuery", "throw");
mongoose.set("autoIndex", false);

export interface ConnectOptions {
  uri: string;
  dbName: string;
  /** Called with each command the driver sends and the collection it names; used by tests and metrics. */
  onCommand?: (name: string, collection: string | null) => void;
}

/**
 * Opens the one connection the process uses. Timeouts are short so that a
 * missing database is reported quickly instead of after the driver's 30 s.
 */
export async function connect(opts: ConnectOptions): Promise<Connection> {
  const conn = mongoose.createConnection(opts.uri, {
    dbName: opts.dbName,
    serverSelectionTimeoutMS: 5000,
    connectTimeoutMS: 5000,
    maxPoolSize: 20,
    monitorCommands: Boolean(opts.onCommand),
  });
  if (opts.onCommand) {
    const onCommand = opts.onCommand;
    conn.getClient().on("commandStarted", (e) => {
      const target = (e.command as Record<string, unknown>)[e.commandName];
      onCommand(e.commandName, typeof target === "string" ? target : null);
    });
  }
  await conn.asPromise();
  return conn;
}
