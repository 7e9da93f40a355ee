import "reflect-metadata";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Connection } from "mongoose";
import { createApp } from "./app";
import { connect } from "./db/connection";
import { ensureIndexes, Models, registerModels } from "./db/models";
import type { Logger } from "./logger";
import { createSchema } from "./schema";
import { CatalogueSnapshots } from "./catalog/snapshot";

export interface Runtime {
  url: string;
  server: Server;
  connection: Connection;
  models: Models;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  uri: string;
  dbName: string;
  host: string;
  port: number;
  log: Logger;
  production: boolean;
  /** Runs after the models exist and before the server listens (e.g. loading the seed). */
  beforeListen?: (models: Models) => Promise<void>;
  onCommand?: (name: string, collection: string | null) => void;
}

/** Connects, builds the app and listens: the part of start-up shared by the server, tests and benchmarks. */
export async function startRuntime(o: RuntimeOptions): Promise<Runtime> {
  const connection = await connect({ uri: o.uri, dbName: o.dbName, onCommand: o.onCommand });
  const models = registerModels(connection);
  await ensureIndexes(models);
  if (o.beforeListen) await o.beforeListen(models);
  const { app, apollo } = await createApp({
    schema: await createSchema(),
    models,
    snapshots: new CatalogueSnapshots(models),
    connection,
    log: o.log,
    production: o.production,
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(o.port, o.host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  server.keepAliveTimeout = 5000;
  const { port } = server.address() as AddressInfo;
  const hostForUrl = o.host.includes(":") ? `[${o.host}]` : o.host;
  return {
    url: `http://${hostForUrl}:${port}/graphql`,
    server,
    connection,
    models,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await apollo.stop();
      await connection.close();
    },
  };
}
