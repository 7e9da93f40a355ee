import { ConfigError, DatabaseSource, loadConfig } from "../../src/config";

describe("configuration", () => {
  it("has defaults", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 4000, host: "127.0.0.1", dbSource: DatabaseSource.AUTO, mongodbUri: undefined });
  });

  it.each([
    [{ PORT: "http" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ MONGODB_URI: "postgres://x" }, "MONGODB_URI"],
    [{ DB_SOURCE: "sqlite" }, "DB_SOURCE"],
    [{ DB_NAME: "a b" }, "DB_NAME"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ SEED_ON_START: "maybe" }, "SEED_ON_START"],
    [{ DB_SOURCE: "uri" }, "DB_SOURCE"],
    [{ EXPOSE_ERROR_DETAILS: "yes" }, "EXPOSE_ERROR_DETAILS"],
    [{ SESSION_TTL_S: "60" }, "SESSION_TTL_S"],
    [{ SESSION_TTL_S: "604800" }, "SESSION_TTL_S"],
    [{ SEARCH_RESULTS_KEPT: "-1" }, "SEARCH_RESULTS_KEPT"],
    [{ SEARCH_RESULTS_KEPT: "many" }, "SEARCH_RESULTS_KEPT"],
    [{ ALLOWED_ORIGINS: "https://console.example.org/path" }, "ALLOWED_ORIGINS"],
    [{ ALLOWED_ORIGINS: "console.example.org" }, "ALLOWED_ORIGINS"],
  ])("names the bad variable %o", (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${name}`));
  });

  it("bounds browser sessions and reads the allowed origins", () => {
    expect(loadConfig({})).toMatchObject({ sessionTtlMs: 28_800_000, allowedOrigins: [] });
    expect(
      loadConfig({ SESSION_TTL_S: "3600", ALLOWED_ORIGINS: "https://console.example.org, http://127.0.0.1:5173" }),
    ).toMatchObject({
      sessionTtlMs: 3_600_000,
      allowedOrigins: ["https://console.example.org", "http://127.0.0.1:5173"],
    });
  });

  it("exposes error details only when asked, in every environment", () => {
    for (const NODE_ENV of [undefined, "development", "test", "production"]) {
      expect(loadConfig({ NODE_ENV }).exposeErrorDetails).toBe(false);
      expect(loadConfig({ NODE_ENV, EXPOSE_ERROR_DETAILS: "true" }).exposeErrorDetails).toBe(true);
    }
  });

  it("reads a MongoDB URI and forced source", () => {
    const c = loadConfig({ MONGODB_URI: "mongodb://127.0.0.1:27017", DB_SOURCE: "uri", SEED_ON_START: "true" });
    expect(c.mongodbUri).toBe("mongodb://127.0.0.1:27017");
    expect(c.seedOnStart).toBe(true);
  });
});
