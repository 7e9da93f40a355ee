export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __testDb?: { stop(): Promise<void> } }).__testDb?.stop();
}
