/**
 * Where KServe puts an InferenceService's or LLMInferenceService's model, and what its storage URI
 * names: read by the KServe and vllm-kserve chart readers so a server of /mnt/models is judged as
 * the model it serves. Pure.
 */
import type { ModelStorage } from "../workload";

/**
 * Where KServe puts the model of a storage URI in the serving container: the storage initializer
 * downloads it there, a PVC is mounted there, an oci:// modelcar is linked there.
 * `DefaultModelLocalMountPath = "/mnt/models"` ("where models will be mounted by the
 * storage-initializer") in pkg/constants/constants.go,
 * https://github.com/kserve/kserve/blob/000652d723032b3813ffc6d4a452fbcc31bd8649/pkg/constants/constants.go
 */
export const KSERVE_MODEL_MOUNT = "/mnt/models";

/** The model a storage URI names: `hf://org/repo[:rev]` is the repo; others mount at /mnt/models. */
export function modelFromStorageUri(uri: string | undefined): string | undefined {
  if (uri === undefined) return undefined;
  const hf = /^hf:\/\/([^:]+)/.exec(uri);
  return hf ? hf[1] : KSERVE_MODEL_MOUNT;
}

/** A tag that is a version or a moving name rather than a model's name ("1.5", "v2", "latest"). */
const VERSION_TAG = /^(v?\d[\w.-]*|latest|main|stable)$/i;

/**
 * Red Hat's ModelCar images name their model after a `modelcar-` prefix: the official ones are
 * `registry.redhat.io/rhelai1/modelcar-<repository, lower case, dots as dashes>`
 * (modelcar-granite-3-1-8b-instruct packages ibm-granite/granite-3.1-8b-instruct,
 * modelcar-llama-3-3-70b-instruct meta-llama/Llama-3.3-70B-Instruct), per the modelcar catalog
 * that lists each community image beside the official one replacing it. The resolver reads the
 * dashed version by the squashed repository name, which it takes only when one model has it.
 */
const MODELCAR_PREFIX = Object.freeze({
  pattern: /^modelcar-(?=.)/,
  source: {
    url: "https://github.com/redhat-ai-services/modelcar-catalog/blob/9d9eeddfdaa93262eb12084fb06644455c086c0d/README.md",
    checked: "2026-12-06",
  },
});

/**
 * What a storage URI names, for the catalog: `hf://org/name[:rev]` is the Hugging Face id; for
 * `oci://registry/repo:tag` the tag when it names a model (modelcar catalogs such as
 * quay.io/redhat-ai-services/modelcar-catalog:granite-3.3-8b-instruct), else the repository's last
 * segment, without a `modelcar-` prefix (MODELCAR_PREFIX); for s3://, gs://, pvc://, https:// and the like the last path segment (the directory,
 * often a renamed repo, which the catalog resolver understands). Undefined when nothing past the
 * bucket or claim names it.
 */
export function nameStorageUri(uri: string): string | undefined {
  const hf = /^hf:\/\/([^/:]+\/[^/:]+)/.exec(uri);
  if (hf) return hf[1];
  const oci = /^oci:\/\/(.+)$/.exec(uri);
  if (oci) {
    const ref = (oci[1] as string).replace(/@.*$/, "");
    const tag = /:([^/:]+)$/.exec(ref)?.[1];
    if (tag !== undefined && !VERSION_TAG.test(tag)) return tag;
    const repo = ref.replace(/:[^/:]+$/, "").split("/");
    return repo.length > 1 ? repo.pop()?.replace(MODELCAR_PREFIX.pattern, "") : undefined;
  }
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]+\/(.+)$/i.exec(uri.replace(/[?#].*$/, ""));
  const last = m?.[1]?.replace(/\/+$/, "").split("/").pop();
  return last === undefined || last === "" ? undefined : last;
}

/** The model KServe puts at /mnt/models for a storage URI (or a `storage.path`), if it is named. */
export function describeModelStorage(uri: string | undefined): ModelStorage | undefined {
  if (uri === undefined) return undefined;
  const reference = uri.includes("://")
    ? nameStorageUri(uri)
    : uri.replace(/\/+$/, "").split("/").pop();
  return reference === undefined || reference === ""
    ? undefined
    : { path: KSERVE_MODEL_MOUNT, uri, reference };
}
