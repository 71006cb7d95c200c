/** `kindo-served-name-mismatch`: a stack policy matching each KindoModel to the vLLM server its api_base points at. */
import { checkServedNameMismatch } from "../../knowledge/rules";
import { buildKindoPolicy } from "./kindo-policy";

export const kindoServedNameMismatch = buildKindoPolicy("kindo-served-name-mismatch", checkServedNameMismatch);
