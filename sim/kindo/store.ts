/**
 * The simulator's model table, persisted to a JSON file after every change (written to a
 * temporary file and renamed, so a killed simulator never leaves half a file).
 */
import { randomUUID } from "node:crypto";
import { readFileSync, renameSync, writeFileSync, existsSync } from "node:fs";
import type { StoredModel } from "./validate";

interface FileShape {
  readonly models: StoredModel[];
}

/** Models kept in memory and mirrored to `file`. */
export interface ModelStore {
  list(): readonly StoredModel[];
  get(id: string): StoredModel | undefined;
  findByName(name: string): StoredModel | undefined;
  insert(fields: Record<string, unknown>): StoredModel;
  replace(id: string, fields: Record<string, unknown>): StoredModel;
  remove(id: string): boolean;
}

/** Opens (or starts) the store in `file`. */
export function openModelStore(file: string): ModelStore {
  let models: StoredModel[] = existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as FileShape).models
    : [];
  const save = (): void => {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ models } satisfies FileShape, null, 2)}\n`, {
      mode: 0o600,
    });
    renameSync(tmp, file);
  };
  return {
    list: () => models,
    get: (id) => models.find((m) => m.id === id),
    findByName: (name) => models.find((m) => m["litellmModelName"] === name),
    insert(fields) {
      const model: StoredModel = { ...fields, id: randomUUID() };
      models = [...models, model];
      save();
      return model;
    },
    replace(id, fields) {
      const model: StoredModel = { ...fields, id };
      models = models.map((m) => (m.id === id ? model : m));
      save();
      return model;
    },
    remove(id) {
      const before = models.length;
      models = models.filter((m) => m.id !== id);
      if (models.length !== before) save();
      return models.length !== before;
    },
  };
}
