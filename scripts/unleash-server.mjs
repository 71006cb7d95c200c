// Starts the real unleash-server (npm, ESM) with its configuration from the environment; run by
// scripts/unleash.sh as its own Node 22 process. Every setting here is a documented unleash-server
// option: https://docs.getunleash.io/reference/deploy/configuring-unleash
import { start } from "unleash-server";

const required = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`scripts/unleash-server.mjs needs ${name} in the environment.`);
  return value;
};

await start({
  db: { connectionString: required("KINDO_UNLEASH_DATABASE_URL"), ssl: false },
  server: { host: "127.0.0.1", port: Number(required("KINDO_UNLEASH_PORT")) },
  authentication: {
    // "open-source" is Unleash's own username/password auth; API tokens are checked on /api/admin.
    type: "open-source",
    enableApiToken: true,
    createAdminUser: true,
    // The documented init-token mechanism (same as INIT_ADMIN_API_TOKENS): an admin token exists
    // from the first start, so no login flow is needed to create one.
    initApiTokens: [
      {
        environment: "*",
        projects: ["*"],
        secret: required("KINDO_UNLEASH_ADMIN_TOKEN"),
        type: "admin",
        tokenName: "kindo-models-admin",
      },
    ],
  },
  versionCheck: { enable: false },
  telemetry: false,
  logLevel: process.env.KINDO_UNLEASH_LOG_LEVEL ?? "warn",
});
