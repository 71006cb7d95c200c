/**
 * The command-line tools that fill a model directory before vLLM starts, as their documentation
 * gives their command lines: which words start the copy, which options take a value, where the
 * model comes from and where it lands. Data; read by model-download.ts. Pure.
 */

/** What the source of a download names. */
export type DownloadSourceKind =
  /** A Hugging Face repository id (org/name). */
  | "hub"
  /** A Hugging Face repository's git URL (https://huggingface.co/org/name). */
  | "hub-git"
  /** A ModelScope model id: the catalog names it, the Hub may not. */
  | "modelscope"
  /** An object-store path: no repository id by contract, its last segments may name the model. */
  | "object-path";

/** One download tool. */
export interface DownloadTool {
  /** How messages name it, e.g. "aws s3 sync". */
  readonly name: string;
  /** The executable's file name (any directory before it). */
  readonly executables: readonly string[];
  /** The command words after the executable, e.g. ["s3", "sync"]. */
  readonly words: readonly string[];
  /** Options between the executable and its command words that take a value (gsutil -o, -h). */
  readonly globalValueOptions?: readonly string[];
  /** Options after the command words that take a value (their value is not a path argument). */
  readonly valueOptions: readonly string[];
  /** The option that names the model, or the first path argument that matches `pattern`. */
  readonly from: { readonly option: string } | { readonly pattern: RegExp };
  /** The option that names the directory, or the first path argument after the source. */
  readonly to: { readonly option: string } | "next-argument";
  readonly kind: DownloadSourceKind;
  /**
   * Set when copying a directory recursively puts it inside the destination under its own name
   * (the model may be served from `<dir>/<last segment>`), as the tool's page shows.
   */
  readonly nestsDirectory?: boolean;
  readonly source: { readonly url: string; readonly checked: string };
}

const CHECKED = "2026-12-06";

/** The Hub's CLI: `hf download <repo> --local-dir <dir>` (huggingface-cli before it). */
const HUB_OPTIONS = [
  "--local-dir",
  "--cache-dir",
  "--revision",
  "--repo-type",
  "--include",
  "--exclude",
  "--token",
  "--max-workers",
  "--local-dir-use-symlinks",
];
const HUB_SOURCE = {
  url: "https://huggingface.co/docs/huggingface_hub/guides/cli",
  checked: CHECKED,
};

/** The AWS CLI's `s3 sync` and `s3 cp` options that take a value (both pages list the same). */
const AWS_S3_OPTIONS = [
  "--include",
  "--exclude",
  "--acl",
  "--sse",
  "--sse-c",
  "--sse-c-key",
  "--sse-kms-key-id",
  "--sse-c-copy-source",
  "--sse-c-copy-source-key",
  "--storage-class",
  "--grants",
  "--website-redirect",
  "--content-type",
  "--cache-control",
  "--content-disposition",
  "--content-encoding",
  "--content-language",
  "--expires",
  "--source-region",
  "--progress-frequency",
  "--page-size",
  "--request-payer",
  "--checksum-mode",
  "--checksum-algorithm",
  "--metadata",
  "--copy-props",
  "--metadata-directive",
  "--case-conflict",
  "--expected-size",
  "--endpoint-url",
  "--output",
  "--query",
  "--profile",
  "--region",
  "--color",
  "--ca-bundle",
  "--cli-read-timeout",
  "--cli-connect-timeout",
];

/** The AWS CLI's global options that take a value. */
const AWS_GLOBAL_OPTIONS = AWS_S3_OPTIONS.slice(AWS_S3_OPTIONS.indexOf("--endpoint-url"));

/**
 * `gsutil [-m] [-o opt] [-h header] cp|rsync [-r] <src> <dst>`: the options of cp and rsync that
 * take a value (canned ACL, gzip extensions, manifest log, storage class, exclude patterns); the
 * rest (-r, -n, -p, -c, -P, ...) are switches.
 */
const GSUTIL_OPTIONS = ["-a", "-j", "-z", "-L", "-s", "-x", "-y"];
/** `gcloud storage cp|rsync`: options with values (the short forms the synopsis gives). */
const GCLOUD_STORAGE_OPTIONS = [
  "--additional-headers",
  "--manifest-path",
  "-L",
  "--storage-class",
  "-s",
  "--canned-acl",
  "--predefined-acl",
  "-a",
  "--encryption-key",
  "--decryption-keys",
  "--exclude",
  "-x",
  "--gzip-in-flight",
  "-j",
  "--gzip-local",
  "-z",
  "--project",
  "--billing-project",
  "--configuration",
  "--account",
  "--impersonate-service-account",
];

const S3_URI = /^s3:\/\/[^/]+\/./;
const GS_URI = /^gs:\/\/[^/]+\/./;
/** A Blob, Data Lake or Files URL (https://<account>.blob.core.windows.net/<container>/<path>). */
const AZURE_URL = /^https:\/\/[^/]+\.(blob|dfs|file)\.core\.windows\.net\/[^/?]+\/[^?]/;
/** A model repository on the Hub (not a dataset or a Space), with or without ".git". */
export const HUB_GIT_URL =
  /^https?:\/\/(?:[^/@]*@)?(?:www\.)?huggingface\.co\/(?!datasets\/|spaces\/)([\w.-]+\/[\w.-]+?)(?:\.git)?\/?$/;
const GIT_CLONE_OPTIONS = [
  "--branch",
  "-b",
  "--depth",
  "--origin",
  "-o",
  "--config",
  "-c",
  "--reference",
  "--shallow-since",
  "--filter",
  "-j",
  "--jobs",
];

/** Every tool the readers recognise, one entry each. */
export const DOWNLOAD_TOOLS: readonly DownloadTool[] = Object.freeze([
  {
    name: "hf download",
    executables: ["hf", "huggingface-cli"],
    words: ["download"],
    valueOptions: HUB_OPTIONS,
    from: { pattern: /^[\w.-]+\/[\w.-]+$/ },
    to: { option: "--local-dir" },
    kind: "hub",
    source: HUB_SOURCE,
  },
  ...(["sync", "cp"] as const).map((verb) => ({
    name: `aws s3 ${verb}`,
    executables: ["aws"],
    words: ["s3", verb],
    // The CLI's global options may come before "s3" too.
    globalValueOptions: AWS_GLOBAL_OPTIONS,
    valueOptions: AWS_S3_OPTIONS,
    // "<S3Uri> <LocalPath>": the first path argument is the source, the second the destination.
    from: { pattern: S3_URI },
    to: "next-argument" as const,
    kind: "object-path" as const,
    source: {
      url: `https://docs.aws.amazon.com/cli/latest/reference/s3/${verb}.html`,
      checked: CHECKED,
    },
  })),
  ...(["cp", "rsync"] as const).map((verb) => ({
    name: `gsutil ${verb}`,
    executables: ["gsutil"],
    words: [verb],
    globalValueOptions: ["-o", "-h", "-u"],
    valueOptions: GSUTIL_OPTIONS,
    from: { pattern: GS_URI },
    to: "next-argument" as const,
    kind: "object-path" as const,
    // "gsutil cp -r dir gs://my-bucket" copies the directory tree "dir" under the destination.
    nestsDirectory: verb === "cp",
    source: {
      url: `https://cloud.google.com/storage/docs/gsutil/commands/${verb}`,
      checked: CHECKED,
    },
  })),
  ...(["cp", "rsync"] as const).map((verb) => ({
    name: `gcloud storage ${verb}`,
    executables: ["gcloud"],
    words: ["storage", verb],
    valueOptions: GCLOUD_STORAGE_OPTIONS,
    from: { pattern: GS_URI },
    to: "next-argument" as const,
    kind: "object-path" as const,
    nestsDirectory: verb === "cp",
    source: {
      url: `https://cloud.google.com/sdk/gcloud/reference/storage/${verb}`,
      checked: CHECKED,
    },
  })),
  {
    name: "azcopy copy",
    executables: ["azcopy"],
    words: ["copy"],
    valueOptions: [
      "--include-pattern",
      "--exclude-pattern",
      "--include-path",
      "--exclude-path",
      "--include-regex",
      "--exclude-regex",
      "--list-of-files",
      "--overwrite",
      "--log-level",
      "--output-type",
      "--cap-mbps",
      "--block-size-mb",
      "--from-to",
      "--check-md5",
      "--trusted-microsoft-suffixes",
    ],
    from: { pattern: AZURE_URL },
    to: "next-argument",
    kind: "object-path",
    // "azcopy copy '<container>/<directory>' '<local directory>' --recursive" downloads the
    // directory into the local one, under its own name (a trailing "/*" copies its contents).
    nestsDirectory: true,
    source: {
      url: "https://learn.microsoft.com/en-us/azure/storage/common/storage-ref-azcopy-copy",
      checked: CHECKED,
    },
  },
  {
    name: "modelscope download",
    executables: ["modelscope"],
    words: ["download"],
    valueOptions: [
      "--model",
      "--local_dir",
      "--cache_dir",
      "--revision",
      "--include",
      "--exclude",
      "--dataset",
      "--token",
      "--max-workers",
    ],
    from: { option: "--model" },
    to: { option: "--local_dir" },
    kind: "modelscope",
    source: { url: "https://modelscope.cn/docs/models/download", checked: CHECKED },
  },
  ...[["clone"], ["lfs", "clone"]].map((words) => ({
    name: `git ${words.join(" ")}`,
    executables: ["git"],
    words,
    valueOptions: GIT_CLONE_OPTIONS,
    // "git clone https://huggingface.co/<repo_id>" (the Hub's repositories guide); a directory
    // after it is where the clone goes ("git lfs clone [git clone options] <repository> [<directory>]").
    from: { pattern: HUB_GIT_URL },
    to: "next-argument" as const,
    kind: "hub-git" as const,
    source: {
      url:
        words.length === 1
          ? "https://huggingface.co/docs/hub/repositories-getting-started"
          : "https://github.com/git-lfs/git-lfs/blob/main/docs/man/git-lfs-clone.adoc",
      checked: CHECKED,
    },
  })),
]);
