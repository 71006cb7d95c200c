/**
 * Who owns a Kindo model. KindoModel records its resource URN on the model (`kindo.ownerField`)
 * and adopts an existing model of the same serving name only when it is its own (a re-run after a
 * crash) or `adoptModelId` names it, so one stack never takes over, rewrites or deletes another
 * stack's model by accident. The messages here say who owns what and how to take a model over
 * deliberately. Pure.
 */
import type { KindoModelInputs } from "./args";
import { isPreviewUnknown, issue, type ValidationIssue } from "../../../knowledge/core";
import { KINDO_API_DEFAULTS, type KindoModelRecord } from "./admin-api";

function describeOwner(owner: string | undefined): string {
  return owner === undefined
    ? "which no Pulumi resource owns (it was added by hand or by another tool)"
    : `owned by ${owner}`;
}

/** Create found the serving name taken by a model that is not this resource's. */
export function buildOwnershipError(inputs: KindoModelInputs, existing: KindoModelRecord): string {
  const name = inputs.litellmModelName;
  return [
    `KindoModel "${name}": Kindo already has a model named "${name}" (id ${existing.id}), ${describeOwner(existing.owner)}; this resource is ${inputs.owner}.`,
    `Serving names are unique in Kindo, so registering this one would take that model over, and destroying it would delete it.`,
    `Use another serving name, or take the model over deliberately: set adoptModelId: "${existing.id}" on this KindoModel${existing.owner === undefined ? "" : " and remove it from the other stack's program first"}.`,
  ].join(" ");
}

/** Update found the model taken over (with adoptModelId) by another resource. */
export function buildTakenOverError(inputs: KindoModelInputs, current: KindoModelRecord): string {
  return `KindoModel "${inputs.litellmModelName}": Kindo model ${current.id} is now owned by ${current.owner ?? "nobody"}, not by this resource (${inputs.owner}), so this resource leaves it alone. Remove this KindoModel from the program, or take the model back deliberately with adoptModelId: "${current.id}".`;
}

/** Kindo answered the create without the owner field: it does not keep it. */
export function ownerFieldNotKept(inputs: KindoModelInputs, createdId: string): string {
  const field = inputs.kindo.ownerField ?? KINDO_API_DEFAULTS.ownerField;
  return `KindoModel "${inputs.litellmModelName}": Kindo did not keep the owner field "${field}" (its answer to the create of model ${createdId} lacks it), so the model could not be told apart from another stack's; it was removed again. Set kindo.ownerField to a model field your Kindo stores and returns.`;
}

/** The owner must be a URN; `adoptModelId`, when set, a model id. */
export function validateOwnership(inputs: KindoModelInputs): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  if (!isPreviewUnknown(inputs.owner) && (typeof inputs.owner !== "string" || inputs.owner === ""))
    out.push(
      issue(
        "owner",
        `${JSON.stringify(inputs.owner ?? null)} is not a resource URN. KindoModel sets it; a direct provider call must pass the URN of the resource that owns the model.`,
      ),
    );
  const adopt = inputs.adoptModelId;
  if (
    adopt !== undefined &&
    !isPreviewUnknown(adopt) &&
    (typeof adopt !== "string" || adopt === "")
  )
    out.push(
      issue(
        "adoptModelId",
        `${JSON.stringify(adopt)} is not a Kindo model id. Set the id named by the error that refused the model, or leave adoptModelId unset.`,
      ),
    );
  return out;
}
