/**
 * Type token of the `KindoModel` dynamic resource, in a module of its own so the policy pack can
 * match it without loading the provider and its HTTP clients. Stable: renaming it orphans state.
 */
import { DYNAMIC_MODULE } from "../../shared/names";

/** Type token of the KindoModel dynamic resource. */
export const KINDO_MODEL_TYPE = `pulumi-nodejs:dynamic/${DYNAMIC_MODULE}:KindoModel`;
