/** `kindo-models lint`: the policy pack's workload rules on Kubernetes manifests, outside Pulumi. */
import { judgeManifests } from "../../knowledge/rules/judge-manifests";
import { issue } from "../../knowledge/core";
import { parseCommandArgs, type CommandShape } from "../args";
import { CliInputError, EXIT, SILENT, type CommandContext, type CommandOutput } from "../errors";
import { readFdCapped } from "../read-files";
import { readManifestInputs } from "../lint/read-inputs";
import { buildLintJson, renderLintText } from "../lint/render";
import { readRuleSettings } from "../lint/rule-settings";

export const LINT_HELP = `Usage: kindo-models lint <file|dir|-> [more ...] [--config <policy-config.json>] [--json]

Applies the policy pack's rules to every vLLM server in Kubernetes manifests: YAML or JSON,
several documents per file, List objects, directories (*.yaml, *.yml, *.json, recursively,
regular files only) or "-" for stdin (e.g. helm template ... | kindo-models lint -). Each input is
read up to 16 MiB.

Reads: Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod, LeaderWorkerSet (native
sidecars included); KServe InferenceService, ServingRuntime, ClusterServingRuntime and
LLMInferenceService; KubeAI Model; KubeRay RayCluster and RayService; vLLM production-stack's
rendered objects and its values file. Services, Ingresses and Gateway API routes in the same
input decide whether a server is public. Anything else is listed as skipped, with its kind and
name. Render Helm charts first: an unrendered template is bad input.

Options:
  --config <file>   the pack's config file: {"<rule>": "mandatory" | {"enforcementLevel": ..., <properties>}}
  --json            {"violations": [{"rule", "severity", "enforcementLevel", "resource", "message", "file", "document"}],
                     "notes": [...], "skipped": [{"kind", "name", "reason", "file", "document"}], "skippedFiles": [...], "servers": N}

Exit status: 0 no mandatory violation, 1 a mandatory rule is violated, 2 unreadable input.`;

const SHAPE: CommandShape = {
  positionals: ["[inputs...]"],
  positionalsHint: "lint takes files, directories and -",
};

/** Runs lint; `stdin` is injectable for tests. */
export function runLint(
  argv: readonly string[],
  _context: CommandContext = SILENT,
  stdin: () => string = () => readFdCapped(0),
): CommandOutput {
  const { values, positionals } = parseCommandArgs(
    "lint",
    argv,
    { config: { type: "string" } },
    SHAPE,
  );
  if (values["help"]) return { exitCode: EXIT.ok, stdout: LINT_HELP };
  if (positionals.length === 0)
    throw new CliInputError("lint", [
      issue("input", `is missing. Pass a manifest file, a directory or "-" for stdin.`),
    ]);
  const settings = typeof values["config"] === "string" ? readRuleSettings(values["config"]) : {};
  const read = readManifestInputs(positionals, stdin);
  if (read.issues.length > 0) throw new CliInputError("lint", read.issues);
  const judgement = judgeManifests(read.objects, settings);
  const exitCode = judgement.findings.some((f) => f.enforcementLevel === "mandatory")
    ? EXIT.doesNotFit
    : EXIT.ok;
  if (values["json"])
    return {
      exitCode,
      stdout: JSON.stringify(buildLintJson(judgement, read.sources, read.skipped), null, 2),
    };
  return { exitCode, stdout: renderLintText(judgement, read.sources, read.skipped) };
}
