/** The Kindo admin API simulator: `startKindoSim({ file, adminKey }) → { url, close() }`. */
export { startKindoSim, KINDO_SIM_MODELS_PATH, type KindoSim, type KindoSimOptions } from "./server";
export { validateModelBody, type FieldError } from "./validate";
