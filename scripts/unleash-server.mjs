// Starts the real unleash-server (npm, ESM) with its configuration from the environment; run by
// scripts/unleash.sh as its own Node 22 process. Every setting here is a documented unleash-server
// option: https://docs.getunleash.io/reference/deploy/configuring-unleash
import { writeFileSync } from "node:fs";
import { start } from "unleash-server";

const required = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`scripts/unleash-server.mjs needs ${name} in the environment.`);
  return value;
};

const unleash = await start({
  db: { connectionString: required("KINDO_UNLEASH_DATABASE_URL"), ssl: false },
  // Port 0: the kernel picks a free port when the server binds it, so no other process can take it
  // between choosing and binding; the port it got is written where scripts/unleash.sh reads it.
  server: { host: "127.0.0.1", port: 0 },
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

const { port } = unleash.server.address();
writeFileSync(required("KINDO_UNLEASH_PORT_FILE"), `${port}\n`);
