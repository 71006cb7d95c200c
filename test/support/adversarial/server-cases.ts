/**
 * The hostile-server cases: echoing, redirecting, huge, endless and malformed servers on loopback
 * against `kindo-models verify`, ModelVerification, KindoModel (Kindo's admin API and Unleash) and
 * the cloud verification (HTTP APIs and Bedrock through the AWS SDK).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import {
  type HostileMode,
  type HostileServer,
  type HostileServerOptions,
  type SeenRequest,
  startHostileServer,
} from "../hostile-server";
import { modelVerificationProvider } from "../../../components/dynamic/model-verification/provider";
import { kindoModelProvider } from "../../../components/dynamic/kindo-model/provider";
import {
  type CloudVerificationInputs,
  cloudVerificationProvider,
} from "../../../components/dynamic/cloud-verification/provider";
import { startKindoSim } from "../../../sim/kindo";
import { startVllmSim } from "../../../sim/vllm";
import { validKindoModelInputs } from "../factories/kindo";
import { validSimConfig, validVerificationInputs } from "../factories/verification";
import { type AdversarialCase, type Outcome, UNBOUNDED_BYTES, isCliCrash, settle } from "./outcome";
import { runCliProcess } from "./cli-process";

/** Longest output a case may print: excerpts are short, a quoted 4 MB message is not. */
const MAX_OUTPUT_CHARS = 64 * 1024;

const hex = (): string => randomBytes(8).toString("hex");

/** Requests the cases attack. */
const ON = {
  all: undefined,
  models: (r: SeenRequest) => r.path === "/v1/models",
  chat: (r: SeenRequest) => r.path === "/v1/chat/completions" && !r.body.includes('"stream":true'),
  stream: (r: SeenRequest) => r.path === "/v1/chat/completions" && r.body.includes('"stream":true'),
  post: (r: SeenRequest) => r.method === "POST",
  list: (r: SeenRequest) => r.method === "GET" && r.path === "/v1/admin/models",
} as const;

const REDIRECT = /a redirect to http:\/\/127\.0\.0\.1:\d+\/collect\//;
const CREDENTIAL_URL = /is given with credentials before the host/;

/** What a handled answer shows, per attack. */
function expectFor(mode: HostileMode, api?: CloudApi): RegExp | undefined {
  switch (mode) {
    case "redirect-307":
      return REDIRECT;
    case "huge-body":
    case "huge-error":
      return /(went past|over) 8388608 bytes/;
    case "endless-sse":
      return /oversized|went past (16777216 bytes|20000 events)/;
    case "big-error":
      return /overloaded overloaded/;
    case "echo-500":
      // Bedrock's SDK reads the message only from an error it knows (x-amzn-ErrorType).
      return api === "bedrock" ? undefined : /\[secret\]/;
    case "echo-429":
    case "echo-escaped-500":
    case "echo-encoded-500":
      return /\[secret\]/;
    case "echo-text-200":
    case "malformed-200":
      return /not (a )?JSON/;
    default:
      return undefined;
  }
}

function withExpect(expect: RegExp | undefined): { expect?: RegExp } {
  return expect === undefined ? {} : { expect };
}

async function onServer(
  options: HostileServerOptions,
  secrets: readonly string[],
  run: (s: HostileServer) => Promise<{ text: string; crashed: boolean }>,
): Promise<Outcome> {
  const s = await startHostileServer(options);
  try {
    const r = await run(s);
    return {
      ...r,
      secrets,
      unbounded: s.bytesSent() > UNBOUNDED_BYTES || r.text.length > MAX_OUTPUT_CHARS,
      redirectFollowed: s.collected.length > 0,
    };
  } finally {
    await s.close();
  }
}

/** `kindo-models verify <hostile> --api-key-env K`, in its own process. */
export function verifyCase(mode: HostileMode, on: keyof typeof ON, json: boolean): AdversarialCase {
  return {
    name: `verify ${json ? "--json " : ""}against ${mode} on ${on}`,
    area: "verify",
    ...withExpect(expectFor(mode)),
    run: () => {
      const key = `sk-verify-${hex()}`;
      return onServer({ mode, on: ON[on] }, [key], async (s) => {
        const r = await runCliProcess(
          ["verify", s.url, "--model", "llama-3.1-8b", "--api-key-env", "ADV_KEY", "--wait", "3"],
          { ADV_KEY: key },
          json,
        );
        return {
          text: `${r.stdout}\n${r.stderr}`,
          crashed: !r.unbounded && isCliCrash(r.exitCode, r.stderr),
        };
      });
    },
  };
}

/** `verify` with the key in the URL instead of a header: refused, without printing it. */
const VERIFY_URL_CREDENTIALS: AdversarialCase = {
  name: "verify with user:key@ in the base URL",
  area: "verify",
  expect: CREDENTIAL_URL,
  run: async () => {
    const key = `sk-url-${hex()}`;
    const r = await runCliProcess(
      ["verify", `http://user:${key}@127.0.0.1:9`, "--model", "m"],
      {},
      true,
    );
    return {
      text: `${r.stdout}\n${r.stderr}`,
      secrets: [key],
      crashed: isCliCrash(r.exitCode, r.stderr),
      unbounded: r.unbounded,
      redirectFollowed: false,
    };
  },
};

/** ModelVerification create against a hostile server. */
function modelVerificationCase(mode: HostileMode, on: keyof typeof ON): AdversarialCase {
  return {
    name: `ModelVerification create against ${mode} on ${on}`,
    area: "ModelVerification",
    ...withExpect(expectFor(mode)),
    run: () => {
      const key = `sk-mv-${hex()}`;
      return onServer({ mode, on: ON[on] }, [key], (s) =>
        settle(() =>
          modelVerificationProvider.create(validVerificationInputs(s.url, { apiKey: key })),
        ),
      );
    },
  };
}

/** ModelVerification refresh of a server that starts echoing the key: the drift it records. */
const MODEL_VERIFICATION_DRIFT: AdversarialCase = {
  name: "ModelVerification refresh (drift) of a server that starts echoing the key",
  area: "ModelVerification",
  expect: /\[secret\]/,
  run: async () => {
    const sim = await startVllmSim(validSimConfig());
    try {
      const inputs = validVerificationInputs(sim.url);
      const created = await modelVerificationProvider.create(inputs);
      sim.setConfig({ faults: [{ kind: "echo-auth", path: "/v1/models" }] });
      // What refresh shows: every output but the key input (stored as a secret).
      const r = await settle(async () => {
        const { apiKey: _key, ...shown } =
          (await modelVerificationProvider.read!(created.id, created.outs)).props ?? {};
        return shown;
      });
      return { ...r, secrets: [inputs.apiKey!], unbounded: false, redirectFollowed: false };
    } finally {
      await sim.close();
    }
  },
};

const MODEL_VERIFICATION_URL_CREDENTIALS: AdversarialCase = {
  name: "ModelVerification check of a base URL with user:key@",
  area: "ModelVerification",
  expect: CREDENTIAL_URL,
  run: async () => {
    const key = `sk-url-${hex()}`;
    const r = await settle(
      async () =>
        (
          await modelVerificationProvider.check!(
            {} as never,
            validVerificationInputs(`http://user:${key}@127.0.0.1:9`),
          )
        ).failures,
    );
    return { ...r, secrets: [key], unbounded: false, redirectFollowed: false };
  },
};

/** KindoModel create with Kindo's admin API hostile (an odd API key, so escaped forms differ). */
function kindoCase(mode: HostileMode, on: keyof typeof ON): AdversarialCase {
  return {
    name: `KindoModel create against a Kindo API with ${mode} on ${on}`,
    area: "KindoModel",
    ...withExpect(expectFor(mode)),
    run: () => {
      const adminKey = `kindo-admin-${hex()}`;
      const apiKey = `sk-"odd\\key/${hex()}`;
      return onServer({ mode, on: ON[on] }, [adminKey, apiKey], (s) => {
        const base = validKindoModelInputs(
          {},
          {
            kindoUrl: s.url,
            adminKey,
            unleash: { url: "http://127.0.0.1:9", adminToken: "*:*.x" },
          },
        );
        return settle(() =>
          kindoModelProvider.create({
            ...base,
            litellmParams: { ...base.litellmParams, api_key: apiKey },
          }),
        );
      });
    },
  };
}

/** KindoModel create with a real Kindo (sim) and a hostile Unleash. */
function unleashCase(mode: HostileMode): AdversarialCase {
  return {
    name: `KindoModel create against an Unleash with ${mode}`,
    area: "KindoModel",
    ...withExpect(expectFor(mode)),
    run: async () => {
      const dir = mkdtempSync(path.join(tmpdir(), "adv-kindo-"));
      const adminKey = `kindo-admin-${hex()}`;
      const token = `*:*.${hex()}${hex()}`;
      const sim = await startKindoSim({ file: path.join(dir, "models.json"), adminKey });
      try {
        return await onServer({ mode }, [adminKey, token, token.slice(4)], (s) =>
          settle(() =>
            kindoModelProvider.create(
              validKindoModelInputs(
                {},
                { kindoUrl: sim.url, adminKey, unleash: { url: s.url, adminToken: token } },
              ),
            ),
          ),
        );
      } finally {
        await sim.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

const KINDO_URL_CREDENTIALS: AdversarialCase = {
  name: "KindoModel check of a Kindo URL with user:key@",
  area: "KindoModel",
  expect: CREDENTIAL_URL,
  run: async () => {
    const key = `kindo-url-${hex()}`;
    const r = await settle(
      async () =>
        (
          await kindoModelProvider.check!(
            {} as never,
            validKindoModelInputs(
              {},
              {
                kindoUrl: `https://admin:${key}@kindo.example`,
                adminKey: "k",
                unleash: { url: "http://127.0.0.1:9", adminToken: "*:*.x" },
              },
            ),
          )
        ).failures,
    );
    return { ...r, secrets: [key], unbounded: false, redirectFollowed: false };
  },
};

type CloudApi = "anthropic" | "gemini" | "openai" | "bedrock";

function cloudInputs(
  api: CloudApi,
  url: string,
  key: string,
  keyId = "AKIAEXAMPLE",
): CloudVerificationInputs {
  const common = { toolCalling: false, contextWindowTokens: 200_000, timeoutMs: 20_000 };
  if (api === "bedrock")
    return {
      ...common,
      api: "bedrock-converse",
      baseUrl: url,
      model: "anthropic.claude-sonnet-4-20250514-v1:0",
      region: "us-east-1",
      awsCredentials: { accessKeyId: keyId, secretAccessKey: key },
    };
  if (api === "anthropic")
    return {
      ...common,
      api: "anthropic-messages",
      baseUrl: url,
      model: "claude-sonnet-4-5",
      apiKey: key,
    };
  if (api === "gemini")
    return {
      ...common,
      api: "gemini-generate-content",
      baseUrl: url,
      model: "gemini-2.5-pro",
      apiKey: key,
    };
  return { ...common, api: "openai-chat", baseUrl: `${url}/v1`, model: "gpt-4o", apiKey: key };
}

/**
 * CloudModelVerification create against a hostile provider API. Bedrock sends the access key id
 * (not the secret) in its signature; it must not come back either.
 */
function cloudCase(api: CloudApi, mode: HostileMode): AdversarialCase {
  return {
    name: `CloudModelVerification (${api}) against ${mode}`,
    area: "cloud",
    ...withExpect(expectFor(mode, api)),
    run: () => {
      const key = `cloud-secret-${hex()}`;
      const keyId = `AKIA${hex().toUpperCase()}`;
      return onServer({ mode }, [key, keyId], (s) =>
        settle(() => cloudVerificationProvider.create(cloudInputs(api, s.url, key, keyId))),
      );
    },
  };
}

const CLOUD_URL_CREDENTIALS: AdversarialCase = {
  name: "CloudModelVerification check of a base URL with user:key@",
  area: "cloud",
  expect: CREDENTIAL_URL,
  run: async () => {
    const key = `cloud-url-${hex()}`;
    const r = await settle(
      async () =>
        (
          await cloudVerificationProvider.check!(
            {} as never,
            cloudInputs("anthropic", `https://u:${key}@api.example`, "k"),
          )
        ).failures,
    );
    return { ...r, secrets: [key], unbounded: false, redirectFollowed: false };
  },
};

/** Every hostile-server case. */
export function listServerCases(): AdversarialCase[] {
  return [
    verifyCase("echo-500", "models", false),
    verifyCase("echo-500", "models", true),
    verifyCase("echo-429", "chat", false),
    verifyCase("echo-429", "chat", true),
    verifyCase("echo-escaped-500", "models", true),
    verifyCase("echo-encoded-500", "models", true),
    verifyCase("echo-straddle-500", "models", false),
    verifyCase("echo-text-200", "models", true),
    verifyCase("malformed-200", "models", true),
    verifyCase("redirect-307", "models", true),
    verifyCase("huge-body", "models", true),
    verifyCase("huge-error", "models", true),
    verifyCase("big-error", "chat", false),
    verifyCase("endless-sse", "stream", true),
    VERIFY_URL_CREDENTIALS,
    modelVerificationCase("echo-500", "models"),
    modelVerificationCase("echo-straddle-500", "models"),
    modelVerificationCase("redirect-307", "all"),
    modelVerificationCase("huge-body", "models"),
    modelVerificationCase("endless-sse", "stream"),
    MODEL_VERIFICATION_DRIFT,
    MODEL_VERIFICATION_URL_CREDENTIALS,
    kindoCase("echo-500", "post"),
    kindoCase("echo-429", "post"),
    kindoCase("echo-escaped-500", "post"),
    kindoCase("echo-straddle-500", "post"),
    kindoCase("echo-text-200", "post"),
    kindoCase("malformed-200", "list"),
    kindoCase("redirect-307", "post"),
    kindoCase("huge-body", "list"),
    kindoCase("huge-error", "post"),
    kindoCase("big-error", "post"),
    unleashCase("echo-500"),
    unleashCase("redirect-307"),
    unleashCase("huge-body"),
    KINDO_URL_CREDENTIALS,
    cloudCase("anthropic", "echo-500"),
    cloudCase("gemini", "echo-429"),
    cloudCase("openai", "echo-escaped-500"),
    cloudCase("anthropic", "redirect-307"),
    cloudCase("gemini", "redirect-307"),
    cloudCase("openai", "huge-body"),
    cloudCase("anthropic", "huge-error"),
    cloudCase("bedrock", "echo-500"),
    cloudCase("bedrock", "redirect-307"),
    cloudCase("bedrock", "huge-body"),
    CLOUD_URL_CREDENTIALS,
  ];
}
