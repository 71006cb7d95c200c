/** `kindo-context-mismatch`: a stack policy comparing each KindoModel contextWindow with its server's max-model-len. */
import { checkKindoContextMismatch } from "../../knowledge/rules";
import { buildKindoPolicy } from "./kindo-policy";

export const kindoContextMismatch = buildKindoPolicy("kindo-context-mismatch", checkKindoContextMismatch);
