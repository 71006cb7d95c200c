/** `kindo-models lint`: the policy pack's workload rules on Kubernetes manifests, outside Pulumi. */
import {
  judgeReadManifests,
  readManifests,
  type ReadManifests,
} from "../../knowledge/rules/judge-manifests";
import { resolveServedModel } from "../../knowledge/rules/served-model";
import { servedModelReference } from "../../knowledge/rules/workload";
import { issue, type ValidationIssue } from "../../knowledge/core";
import { DEFAULT_VLLM_VERSION } from "../../knowledge/catalog/vllm-releases";
import type { ModelFacts } from "../../knowledge/catalog/hf/source";
import { parseCommandArgs, readVllmVersion, type CommandShape } from "../args";
import { CliInputError, EXIT, SILENT, type CommandContext, type CommandOutput } from "../errors";
import { readFdCapped } from "../read-files";
import { readManifestInputs } from "../lint/read-inputs";
import { buildLintJson, renderLintText } from "../lint/render";
import { readRuleSettings, withVllmVersion } from "../lint/rule-settings";

export const LINT_HELP = `Usage: kindo-models lint <file|dir|-> [more ...] [--config <policy-config.json>] [--vllm-version V] [--offline] [--json]

Applies the policy pack's rules to every vLLM server in Kubernetes manifests: YAML or JSON,
several documents per file, List objects, directories (*.yaml, *.yml, *.json, recursively,
regular files only) or "-" for stdin (e.g. helm template ... | kindo-models lint -). Each input is
read up to 16 MiB.

Reads: Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod, LeaderWorkerSet (native
sidecars included); KServe InferenceService, ServingRuntime, ClusterServingRuntime and
LLMInferenceService; KubeAI Model; KubeRay RayCluster and RayService; AIBrix RayClusterFleet;
llmaz Playground with its OpenModel; KAITO Workspace (with its inference.config ConfigMap); Ray
Serve LLM configs (files, or held in a ConfigMap); vLLM production-stack's rendered objects and
its values file; the values of vLLM's example chart and of the vllm-kserve chart (and a
Kustomization inflating it); docker compose files; dstack services and tasks; SkyPilot tasks.
Services, Ingresses, Gateway API, Envoy AI Gateway (AIGatewayRoute with its AIServiceBackends),
Traefik IngressRoutes and OpenShift routes in the same input decide whether a server is public.
Anything else is listed as skipped, with its kind and name. Render Helm charts first: an
unrendered template is bad input. A served model that is a Hugging Face repo outside the catalog
is sized from its files (the Hugging Face cache, kindo-models' cache, or the Hub at HF_ENDPOINT
with HF_TOKEN for gated repos).

Options:
  --config <file>   the pack's config file: {"<rule>": "mandatory" | {"enforcementLevel": ..., <properties>}}
  --vllm-version V  the vLLM release a server is judged by when its image or script names none (a moving
                    tag such as latest, a custom image); default: the pinned release, ${DEFAULT_VLLM_VERSION},
                    or the config file's vllmVersion, which this flag overrides
  --offline         never ask the Hub: models outside the catalog are sized from the caches only
  --json            {"violations": [{"rule", "severity", "enforcementLevel", "resource", "message", "file", "document"}],
                     "notes": [...], "skipped": [{"kind", "name", "reason", "file", "document"}], "skippedFiles": [...], "servers": N}

Exit status: 0 no mandatory violation, 1 a mandatory rule is violated, 2 unreadable input.`;

const SHAPE: CommandShape = {
  positionals: ["[inputs...]"],
  positionalsHint: "lint takes files, directories and -",
};

/**
 * Reads the Hugging Face files of every served model the catalog cannot size and that names a
 * repo (org/name), so the sizing rules judge it too. A model that cannot be read is left to the
 * rules, which say why they skipped it. The Hub client loads only when such a model is served.
 */
export async function loadServedModels(
  read: ReadManifests,
  offline: boolean,
): Promise<{ models: Map<string, ModelFacts>; unread: string[] }> {
  // The servers as read, without listManifestWorkloads' exposure: which Service or route reaches
  // a server does not change the model it serves, and matching every server against every route
  // twice (here and in the judgement) was about 1% of linting 100 manifests.
  const refs = new Set(
    read.readings
      .flatMap((r) => (r.kind === "read" ? r.workloads : []))
      .map(servedModelReference)
      .filter((m): m is string => m !== undefined && /^[\w.-]+\/[\w.-]+$/.test(m))
      .filter((m) => resolveServedModel(m)?.spec === undefined),
  );
  const models = new Map<string, ModelFacts>();
  const unread: string[] = [];
  if (refs.size === 0) return { models, unread };
  const { loadModelFacts } =
    require("../../hub/load-model") as typeof import("../../hub/load-model");
  for (const reference of refs) {
    const r = await loadModelFacts({ reference, offline });
    if (r.ok) models.set(reference, r.facts);
    else unread.push(...r.issues.map((i) => `${reference}: ${i.message}`));
  }
  return { models, unread };
}

/** Runs lint; `stdin` is injectable for tests. */
export async function runLint(
  argv: readonly string[],
  _context: CommandContext = SILENT,
  stdin: () => string = () => readFdCapped(0),
): Promise<CommandOutput> {
  const { values, positionals } = parseCommandArgs(
    "lint",
    argv,
    {
      config: { type: "string" },
      offline: { type: "boolean" },
      "vllm-version": { type: "string" },
    },
    SHAPE,
  );
  if (values["help"]) return { exitCode: EXIT.ok, stdout: LINT_HELP };
  if (positionals.length === 0)
    throw new CliInputError("lint", [
      issue("input", `is missing. Pass a manifest file, a directory or "-" for stdin.`),
    ]);
  const issues: ValidationIssue[] = [];
  const vllmVersion = readVllmVersion(values, issues);
  if (issues.length > 0) throw new CliInputError("lint", issues);
  const configured = typeof values["config"] === "string" ? readRuleSettings(values["config"]) : {};
  const settings =
    vllmVersion === undefined ? configured : withVllmVersion(configured, vllmVersion);
  const read = readManifestInputs(positionals, stdin);
  if (read.issues.length > 0) throw new CliInputError("lint", read.issues);
  // Read once: the served models come from the same readings the rules then judge.
  const manifests = readManifests(read.objects);
  const { models, unread } = await loadServedModels(manifests, values["offline"] === true);
  const judgement = judgeReadManifests(manifests, settings, models);
  const stderr =
    unread.length > 0
      ? `Could not read these models' files:\n${unread.map((u) => `  - ${u}`).join("\n")}`
      : undefined;
  const exitCode = judgement.findings.some((f) => f.enforcementLevel === "mandatory")
    ? EXIT.doesNotFit
    : EXIT.ok;
  if (values["json"])
    return {
      exitCode,
      stdout: JSON.stringify(buildLintJson(judgement, read.sources, read.skipped), null, 2),
      ...(stderr ? { stderr } : {}),
    };
  return {
    exitCode,
    stdout: renderLintText(judgement, read.sources, read.skipped),
    ...(stderr ? { stderr } : {}),
  };
}
