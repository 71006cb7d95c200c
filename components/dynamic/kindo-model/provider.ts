/**
 * The KindoModel dynamic provider. It survives Pulumi's function serialiser: methods reach only
 * plain functions from this folder, use the global `fetch`, and take credentials from their
 * (secret) inputs. `check` fails before any remote call when the inputs are invalid, and writes
 * the context window it plans into the inputs. `read` returns what it observed as the outputs and,
 * when that drifted, as the inputs too, so the next preview shows each drifted field with the
 * observed and the expected value (`contextWindow: 8192 => 131072`; secrets stay secret).
 */
import type * as pulumi from "@pulumi/pulumi";
import { type KindoModelInputs, planKindoModel } from "./args";
import { diffKindoModel, hasDrift, keepRecordedOrder, type DiffableState } from "./diff";
import {
  type KindoModelOutputs,
  createKindoModel,
  deleteKindoModel,
  hasLostAssignments,
  readKindoModel,
  updateKindoModel,
} from "./operations";
import { redactError } from "../../../verification/transport/redact";

function diffable(state: KindoModelInputs): DiffableState {
  const planned = planKindoModel(state);
  const fields = planned.ok
    ? planned.plan.fields
    : { ...state, contextWindow: state.contextWindow ?? 0 };
  return {
    kindoUrl: state.kindo.url,
    unleashUrl: state.unleash.url,
    fields,
    features: planned.ok ? planned.plan.features : state.features,
    kindoInference: state.kindoInference,
  };
}

// Outputs go through protobuf Structs, which take no `undefined`.
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function remote(): { fetch: typeof fetch } {
  return { fetch: globalThis.fetch };
}

/** Every secret the resource holds, in the forms a server could echo. */
function secretsOf(i: Partial<KindoModelInputs>): (string | undefined)[] {
  const p = i.litellmParams;
  const token = i.unleash?.adminToken;
  return [
    i.kindo?.adminKey,
    token,
    // An Unleash token is `<project>:<env>.<secret>`; a server may echo the secret part alone.
    token?.slice(token.lastIndexOf(".") + 1),
    i.kindoInference?.apiKey,
    p?.api_key,
    p?.aws_secret_access_key,
    p?.aws_session_token,
  ];
}

/** Runs one provider method; whatever it throws leaves with every secret of the resource redacted. */
async function guarded<T>(inputs: Partial<KindoModelInputs>[], run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw redactError(err, inputs.flatMap(secretsOf));
  }
}

/** The provider object passed to `pulumi.dynamic.Resource`. */
export const kindoModelProvider: pulumi.dynamic.ResourceProvider<
  KindoModelInputs,
  KindoModelOutputs
> = {
  async check(_olds, news) {
    const planned = planKindoModel(news);
    // The planned window (by default the verified max_model_len) is an input from here on, so a
    // window changed in Kindo shows against it at preview.
    const contextWindow = planned.ok ? planned.plan.fields.contextWindow : undefined;
    if (planned.ok && news.contextWindow === undefined && typeof contextWindow === "number")
      return { inputs: { ...news, contextWindow } };
    if (planned.ok) return { inputs: news };
    return { failures: planned.issues.map((i) => ({ property: i.path, reason: i.message })) };
  },
  async diff(_id, olds, news) {
    const d = diffKindoModel(diffable(olds), diffable(news));
    if (d.changes) return d;
    // Same inputs, but the live model or one of its assignments may be gone: update restores
    // them. Unreachable services leave the diff to the inputs (update would fail on them anyway).
    const lost = await hasLostAssignments(remote(), olds).catch(() => false);
    return lost ? { ...d, changes: true } : d;
  },
  async create(inputs) {
    const outs = await guarded([inputs], () => createKindoModel(remote(), inputs));
    return { id: outs.modelId, outs: plain(outs) };
  },
  async update(_id, olds, news) {
    return {
      outs: plain(await guarded([olds, news], () => updateKindoModel(remote(), olds, news))),
    };
  },
  async delete(_id, olds) {
    await guarded([olds], () => deleteKindoModel(remote(), olds));
  },
  async read(id, olds) {
    if (olds === undefined) return { id };
    const seen = await guarded([olds], () => readKindoModel(remote(), olds));
    // An empty id tells the engine the model is gone (deleted by hand).
    if (seen.outputs === undefined) return { id: "" };
    const read = plain(seen.outputs);
    // Unleash lists features sorted; keep the program's order so only membership shows as a change.
    const props = { ...read, features: keepRecordedOrder(olds.features, read.features) };
    if (!hasDrift(seen.drift)) return { id, props };
    // The observed values become the inputs (the SDK types them as the outputs type).
    const { modelId: _id, kindoPathVerifiedAt: _at, ...observed } = props;
    const inputs: KindoModelInputs = observed;
    return { id, props, inputs: inputs as KindoModelOutputs };
  },
};
