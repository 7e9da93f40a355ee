import { startServerProcess } from "../../bench/harness";

/**
 * Stands in for a benchmark: starts the API exactly as the benchmarks do and
 * then waits, so a test can kill this process and see what becomes of the
 * server. Prints `server <pid>` once the server is ready.
 */
async function main(): Promise<void> {
  const uri = process.env.TEST_MONGODB_URI;
  const dbName = process.env.DB_NAME;
  if (!uri || !dbName) throw new Error("TEST_MONGODB_URI and DB_NAME are required");
  const server = await startServerProcess(uri, dbName, 0, { LOG_LEVEL: "warn" });
  console.log(`server ${server.child.pid}`);
  // Bounded: if nobody kills this process, it stops the server and exits after a minute.
  setTimeout(() => void server.stop().then(() => process.exit(0)), 60_000);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
