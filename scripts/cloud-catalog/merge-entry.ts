/**
 * One cloud catalog entry from its data-file record and the data set snapshots: each fact is taken
 * from our sourced `facts` when given, else from LiteLLM's record, else from pi-ai's, and carries
 * where it came from. An override must name the data set value it replaces, so a refreshed data
 * set that moves under it stops the generator until someone re-reads the page. Pure.
 */
import {
  CLOUD_FACT_FIELDS,
  LITELLM_PREFIXES,
  type BedrockFacts,
  type CloudDataset,
  type CloudDatasetsFile,
  type CloudFactField,
  type CloudModelData,
  type CloudModelSpec,
  type CloudProvider,
  type FactProvenance,
  type LitellmRecord,
  type PiAiRecord,
} from "../../knowledge/catalog/cloud-model-types";

/** The data set snapshots, keyed as in the data files. */
export interface CloudSnapshots {
  readonly info: CloudDatasetsFile;
  readonly litellm: Readonly<Record<string, LitellmRecord>>;
  readonly piAi: Readonly<Record<string, PiAiRecord>>;
}

type FactValue = number | boolean;
type Facts = Partial<Record<CloudFactField, FactValue>>;

/** AWS: Anthropic models need the one-time use-case form (read 2026-11-26). */
const MODEL_ACCESS = {
  url: "https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html",
  checked: "2026-11-26",
};
const AZURE_INPUTS: NonNullable<CloudModelSpec["azureRequiredInputs"]> = [
  "deploymentName",
  "apiBase",
  "apiVersion",
];
const GEOGRAPHIES = ["us", "eu", "apac", "jp", "au", "ca", "in", "us-gov"] as const;
const NUMERIC: readonly CloudFactField[] = [
  "contextWindowTokens",
  "maxInputTokens",
  "maxOutputTokens",
  "outputDimensions",
  "maxFileSizeMB",
];

function defined(f: Record<string, FactValue | null | undefined>): Facts {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== null && v !== undefined));
}

/** The facts a LiteLLM record gives, by our field names. */
export function readLitellmFacts(r: LitellmRecord): Facts {
  return defined({
    contextWindowTokens: r.max_input_tokens,
    maxOutputTokens: r.max_output_tokens,
    supportsToolCalling: r.supports_function_calling,
    supportsVision: r.supports_vision,
    supportsFileInput: r.supports_pdf_input,
    supportsReasoning: r.supports_reasoning,
    outputDimensions: r.output_vector_size,
  });
}

/** The facts a pi-ai record gives; its catalog holds tool-calling models only (its README). */
export function readPiAiFacts(r: PiAiRecord): Facts {
  return defined({
    contextWindowTokens: r.contextWindow,
    maxOutputTokens: r.maxTokens,
    supportsToolCalling: true,
    supportsVision: r.input === undefined ? undefined : r.input.includes("image"),
    supportsReasoning: r.reasoning,
  });
}

interface Merged {
  readonly values: Facts;
  readonly provenance: Record<string, FactProvenance>;
  readonly overrides: CloudModelSpec["overrides"];
  readonly problems: string[];
}

function mergeFacts(d: CloudModelData, lt: Facts, pi: Facts, s: CloudSnapshots): Merged {
  const values: Facts = {};
  const provenance: Record<string, FactProvenance> = {};
  const overrides: CloudModelSpec["overrides"][number][] = [];
  const problems: string[] = [];
  const fromSet = (ds: CloudDataset): FactProvenance => ({
    url: s.info.datasets[ds].url,
    checked: s.info.datasets[ds].date,
    origin: ds,
  });
  for (const field of CLOUD_FACT_FIELDS) {
    const fromData = lt[field] ?? pi[field];
    const dataOrigin: CloudDataset = lt[field] !== undefined ? "litellm" : "pi-ai";
    const fact = d.facts?.[field];
    if (fact === undefined) {
      if (fromData === undefined) continue;
      values[field] = fromData;
      provenance[field] = fromSet(dataOrigin);
      continue;
    }
    const where = `${d.key}.facts.${field}`;
    if (fromData !== undefined && fact.value !== fromData && fact.datasetValue !== fromData)
      problems.push(
        fact.datasetValue === undefined
          ? `${where}: ${fact.value} differs from the ${dataOrigin} value ${fromData}; set datasetValue: ${fromData} once ${fact.url} confirms the override`
          : `${where}: ${dataOrigin} now says ${fromData}, not the datasetValue ${fact.datasetValue} this override was written against; re-read ${fact.url}`,
      );
    if (fact.datasetValue !== undefined && fromData === undefined)
      problems.push(
        `${where}: datasetValue ${fact.datasetValue} is set but no data set has a value`,
      );
    values[field] = fact.value;
    provenance[field] = {
      url: fact.url,
      checked: fact.checked,
      origin: fact.unverified ? "third-party" : "vendor",
    };
    if (fromData !== undefined && fromData !== fact.value)
      overrides.push({
        field,
        datasetValue: fromData,
        value: fact.value,
        url: fact.url,
        checked: fact.checked,
        ...(fact.note === undefined ? {} : { note: fact.note }),
      });
  }
  for (const field of CLOUD_FACT_FIELDS) {
    const v = values[field];
    if (v !== undefined && typeof v !== (NUMERIC.includes(field) ? "number" : "boolean"))
      problems.push(`${d.key}: ${field} is ${JSON.stringify(v)}, of the wrong type`);
  }
  return { values, provenance, overrides, problems };
}

function buildBedrockFacts(
  d: CloudModelData,
  s: CloudSnapshots,
  provenance: Record<string, FactProvenance>,
): BedrockFacts {
  const id = d.id;
  const listed = new Set(
    [
      ...Object.keys(s.litellm),
      ...Object.keys(s.piAi).map((k) => k.replace(/^amazon-bedrock\//, "")),
    ]
      .filter((k) => k.endsWith(`.${id}`))
      .map((k) => k.slice(0, -id.length - 1)),
  );
  const own = d.bedrock?.profiles;
  const prefixes = own ? new Set(own.ids.map((p) => p.slice(0, p.indexOf(".")))) : listed;
  if (prefixes.size > 0)
    provenance["bedrock.profiles"] = own
      ? { url: own.url, checked: own.checked, origin: "vendor" }
      : {
          url: s.info.datasets.litellm.url,
          checked: s.info.datasets.litellm.date,
          origin: "litellm",
        };
  const geographic = GEOGRAPHIES.filter((g) => prefixes.has(g)).map((g) => `${g}.${id}`);
  const inRegion = d.bedrock?.inRegionInvocation;
  if (inRegion) provenance["bedrock.inRegionInvocation"] = { ...inRegion, origin: "vendor" };
  const requiresUseCaseForm = id.startsWith("anthropic.");
  provenance["bedrock.requiresUseCaseForm"] = { ...MODEL_ACCESS, origin: "vendor" };
  return {
    foundationModelId: id,
    geographicProfileIds: geographic,
    ...(prefixes.has("global") ? { globalProfileId: `global.${id}` } : {}),
    inRegionInvocation: inRegion?.value ?? (geographic.length === 0 && !prefixes.has("global")),
    ...(d.bedrock?.marketplaceProductId
      ? { marketplaceProductId: d.bedrock.marketplaceProductId }
      : {}),
    requiresUseCaseForm,
  };
}

function identifierProvenance(d: CloudModelData, sets: readonly CloudDataset[], s: CloudSnapshots) {
  if (d.idSource) return { ...d.idSource, origin: "vendor" as const };
  const first = sets[0];
  if (first)
    return { url: s.info.datasets[first].url, checked: s.info.datasets[first].date, origin: first };
  return { ...d.lifecycle.source, origin: "third-party" as const };
}

function listUnverified(
  spec: Omit<CloudModelSpec, "unverified" | "sources" | "checked">,
): string[] {
  const facts = Object.entries(spec.provenance)
    .filter(([, p]) => p.origin !== "vendor")
    .map(([field]) => field);
  const b = spec.bedrock;
  return [
    ...facts,
    ...(b && spec.provenance["bedrock.inRegionInvocation"] === undefined
      ? ["bedrock.inRegionInvocation"]
      : []),
    ...(spec.lifecycle.unverified ? ["lifecycle"] : []),
  ];
}

/** The generated entry for one data-file record, or the problems that stop the generator. */
export function mergeCloudEntry(
  provider: CloudProvider,
  d: CloudModelData,
  s: CloudSnapshots,
): { spec: CloudModelSpec; problems: string[] } {
  const problems: string[] = [];
  const lt = d.datasets?.litellm === undefined ? undefined : s.litellm[d.datasets.litellm];
  const pi = d.datasets?.piAi === undefined ? undefined : s.piAi[d.datasets.piAi];
  if (d.datasets?.litellm !== undefined && !lt)
    problems.push(`${d.key}: "${d.datasets.litellm}" is not in datasets/litellm.json`);
  if (d.datasets?.piAi !== undefined && !pi)
    problems.push(`${d.key}: "${d.datasets.piAi}" is not in datasets/pi-ai.json`);
  const ltFacts = lt ? readLitellmFacts(lt) : {};
  const piFacts = pi ? readPiAiFacts(pi) : {};
  const merged = mergeFacts(d, ltFacts, piFacts, s);
  problems.push(...merged.problems);
  const sets: CloudDataset[] = [
    ...(lt ? (["litellm"] as const) : []),
    ...(pi ? (["pi-ai"] as const) : []),
  ];
  const idProvenance = identifierProvenance(d, sets, s);
  const provenance: Record<string, FactProvenance> = {
    providerModelId: idProvenance,
    ...merged.provenance,
  };
  const v = merged.values;
  const capability = (f: CloudFactField) => (typeof v[f] === "boolean" ? (v[f] as boolean) : null);
  const num = (f: CloudFactField) => (typeof v[f] === "number" ? { [f]: v[f] as number } : {});
  const base = {
    id: d.key,
    provider,
    displayName: d.displayName,
    providerModelId: d.id,
    kind: d.kind,
    litellmModel: `${LITELLM_PREFIXES[provider]}${provider === "azure" ? "<deployment-name>" : d.id}`,
    ...num("contextWindowTokens"),
    ...num("maxInputTokens"),
    ...num("maxOutputTokens"),
    supportsToolCalling: capability("supportsToolCalling"),
    supportsVision: capability("supportsVision"),
    supportsFileInput: capability("supportsFileInput"),
    supportsReasoning: capability("supportsReasoning"),
    ...num("outputDimensions"),
    ...num("maxFileSizeMB"),
    ...(provider === "bedrock" ? { bedrock: buildBedrockFacts(d, s, provenance) } : {}),
    ...(provider === "azure" ? { azureRequiredInputs: [...AZURE_INPUTS] } : {}),
    lifecycle: d.lifecycle,
    provenance,
    datasets: sets,
    overrides: merged.overrides,
    datasetConflicts: (["contextWindowTokens", "maxOutputTokens"] as const).flatMap((field) => {
      const a = ltFacts[field];
      const b = piFacts[field];
      return typeof a === "number" && typeof b === "number" && a !== b
        ? [{ field, litellm: a, piAi: b }]
        : [];
    }),
    ...(d.notes === undefined ? {} : { notes: d.notes }),
  };
  const limits = provenance.contextWindowTokens ?? idProvenance;
  const spec: CloudModelSpec = {
    ...base,
    sources: {
      identifier: idProvenance.url,
      limits: limits.url,
      capabilities: (provenance.supportsToolCalling ?? limits).url,
    },
    checked: [...Object.values(provenance), d.lifecycle.source]
      .map((p) => p.checked)
      .sort()
      .at(-1) as string,
    unverified: listUnverified(base),
  };
  return { spec, problems };
}
