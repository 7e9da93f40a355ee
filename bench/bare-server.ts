import "reflect-metadata";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import { createSchema } from "../src/schema";
import { whenStdinCloses } from "../src/common/parent";

/**
 * The comparison for `bench:load`: the project's schema served by a bare
 * @apollo/server on express with the official `expressMiddleware`, and
 * nothing else (no security headers, logging, metrics, deadline,
 * authentication, rate limit, query limits or execution guard). Started as
 * its own process like the API, on loopback, and prints the same
 * "ready at <url>" line.
 */
async function main(): Promise<void> {
  // The process stops itself below, as the API does.
  const apollo = new ApolloServer({ schema: await createSchema(), stopOnTerminationSignals: false });
  await apollo.start();
  const app = express();
  app.use("/graphql", express.json(), expressMiddleware(apollo));
  const server = app.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
    const { port } = server.address() as AddressInfo;
    console.log(`bare Apollo server ready at http://127.0.0.1:${port}/graphql`);
  });
  const stop = () => {
    server.close(() => void apollo.stop().then(() => process.exit(0)));
    server.closeAllConnections();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  // Like the API: a benchmark that dies takes its servers with it (see bench/harness.ts).
  if (process.env.STOP_WHEN_STDIN_CLOSES === "true") whenStdinCloses(() => process.exit(0));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
