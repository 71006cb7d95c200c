/**
 * Client for Kindo's model management (admin) API. The field names are documented; the paths,
 * auth header and id field are not public, so they come from the connection with the defaults
 * below (see docs/kindo.md). The `sim/kindo` simulator serves exactly these defaults.
 */
import type { KindoApiConnection, KindoModelFields } from "./args";
import { type Remote, requestJson } from "../../../verification/transport";

/** Documented defaults of the connection settings. */
export const KINDO_API_DEFAULTS = Object.freeze({
  modelsPath: "/v1/admin/models",
  authStyle: "bearer",
  idField: "id",
  ownerField: "managedBy",
} as const);

/** A model as the admin API returns it: the visible fields, its id and its recorded owner. */
export interface KindoModelRecord {
  readonly id: string;
  /** The URN of the Pulumi resource that owns it; undefined when none is recorded. */
  readonly owner?: string;
  readonly fields: KindoModelFields;
}

function ownerField(conn: KindoApiConnection): string {
  return conn.ownerField ?? KINDO_API_DEFAULTS.ownerField;
}

/** The request body: the model fields plus the owner field. */
function bodyOf(conn: KindoApiConnection, fields: KindoModelFields, owner: string): object {
  // Pulumi's closure serialiser misses functions called inside computed keys: call it first.
  const key = ownerField(conn);
  return { ...fields, [key]: owner };
}

function base(conn: KindoApiConnection): string {
  return `${conn.url.replace(/\/+$/, "")}${conn.modelsPath ?? KINDO_API_DEFAULTS.modelsPath}`;
}

function headers(conn: KindoApiConnection): Record<string, string> {
  return (conn.authStyle ?? KINDO_API_DEFAULTS.authStyle) === "x-api-key"
    ? { "x-api-key": conn.adminKey }
    : { authorization: `Bearer ${conn.adminKey}` };
}

function secretsOf(conn: KindoApiConnection, fields?: KindoModelFields): (string | undefined)[] {
  const p = fields?.litellmParams;
  return [conn.adminKey, p?.api_key, p?.aws_secret_access_key, p?.aws_session_token];
}

function toRecord(conn: KindoApiConnection, body: unknown): KindoModelRecord {
  const obj = body as Record<string, unknown>;
  const idField = conn.idField ?? KINDO_API_DEFAULTS.idField;
  const id = obj[idField];
  if (typeof id !== "string" && typeof id !== "number") {
    throw new Error(
      `The Kindo admin API answered without a "${idField}" field; set kindo.idField to the field that holds the model id.`,
    );
  }
  const ownerKey = ownerField(conn);
  const { [idField]: _id, [ownerKey]: owner, ...fields } = obj;
  return {
    id: String(id),
    ...(typeof owner === "string" && owner !== "" ? { owner } : {}),
    fields: readKindoModelFields(fields),
  };
}

/** Every global model (`GET <modelsPath>`, answered as `{ data: [...] }` or a plain list). */
export async function listKindoModels(
  remote: Remote,
  conn: KindoApiConnection,
): Promise<KindoModelRecord[]> {
  const res = await requestJson(
    remote,
    {
      method: "GET",
      url: base(conn),
      headers: headers(conn),
      secrets: secretsOf(conn),
      what: "list Kindo models",
    },
    [200],
  );
  const list = Array.isArray(res.body) ? res.body : ((res.body as { data?: unknown[] }).data ?? []);
  return list.map((m) => toRecord(conn, m));
}

/** The model with this serving name, if any. */
export async function findKindoModelByName(
  remote: Remote,
  conn: KindoApiConnection,
  name: string,
): Promise<KindoModelRecord | undefined> {
  return (await listKindoModels(remote, conn)).find((m) => m.fields.litellmModelName === name);
}

/** One model by id, or undefined when the API answers 404. */
export async function getKindoModel(
  remote: Remote,
  conn: KindoApiConnection,
  id: string,
): Promise<KindoModelRecord | undefined> {
  const res = await requestJson(
    remote,
    {
      method: "GET",
      url: `${base(conn)}/${encodeURIComponent(id)}`,
      headers: headers(conn),
      secrets: secretsOf(conn),
      what: `read Kindo model ${id}`,
    },
    [200, 404],
  );
  return res.status === 404 ? undefined : toRecord(conn, res.body);
}

/** Creates a global model (`POST`) owned by `owner`; answers its record. */
export async function createKindoModelRecord(
  remote: Remote,
  conn: KindoApiConnection,
  fields: KindoModelFields,
  owner: string,
): Promise<KindoModelRecord> {
  const res = await requestJson(
    remote,
    {
      method: "POST",
      url: base(conn),
      headers: headers(conn),
      body: bodyOf(conn, fields, owner),
      secrets: secretsOf(conn, fields),
      what: `create Kindo model "${fields.litellmModelName}"`,
    },
    [200, 201],
  );
  return toRecord(conn, res.body);
}

/** Replaces a model's fields and owner in place (`PATCH <modelsPath>/<id>`). */
export async function updateKindoModelRecord(
  remote: Remote,
  conn: KindoApiConnection,
  id: string,
  fields: KindoModelFields,
  owner: string,
): Promise<KindoModelRecord> {
  const res = await requestJson(
    remote,
    {
      method: "PATCH",
      url: `${base(conn)}/${encodeURIComponent(id)}`,
      headers: headers(conn),
      body: bodyOf(conn, fields, owner),
      secrets: secretsOf(conn, fields),
      what: `update Kindo model ${id}`,
    },
    [200],
  );
  return toRecord(conn, res.body);
}

/** Deletes a model; a model that is already gone counts as deleted. */
export async function deleteKindoModelRecord(
  remote: Remote,
  conn: KindoApiConnection,
  id: string,
): Promise<void> {
  await requestJson(
    remote,
    {
      method: "DELETE",
      url: `${base(conn)}/${encodeURIComponent(id)}`,
      headers: headers(conn),
      secrets: secretsOf(conn),
      what: `delete Kindo model ${id}`,
    },
    [200, 204, 404],
  );
}

/**
 * The model fields of a record Kindo returned, typed without trusting it: a field of the wrong
 * type reads as absent (empty or zero), so drift detection reports it as changed.
 */
export function readKindoModelFields(raw: Readonly<Record<string, unknown>>): KindoModelFields {
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  const params =
    raw["litellmParams"] !== null && typeof raw["litellmParams"] === "object"
      ? (raw["litellmParams"] as Record<string, unknown>)
      : {};
  return {
    ...raw,
    litellmModelName: str(raw["litellmModelName"]),
    litellmParams: { ...params, model: str(params["model"]) },
    contextWindow: typeof raw["contextWindow"] === "number" ? raw["contextWindow"] : 0,
    displayName: str(raw["displayName"]),
    provider: str(raw["provider"]),
    type: raw["type"] === "INTERNAL" ? "INTERNAL" : "CHAT",
    metadataType:
      raw["metadataType"] === "Embeddings" || raw["metadataType"] === "Transcription"
        ? raw["metadataType"]
        : "Text Generation",
    costTier: raw["costTier"] === "MEDIUM" || raw["costTier"] === "HIGH" ? raw["costTier"] : "LOW",
  };
}
