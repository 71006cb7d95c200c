/** The Kindo simulator (admin and inference API): `startKindoSim({ file, adminKey, apiKey }) → { url, setNetworkFault(), close() }`. */
export {
  startKindoSim,
  KINDO_SIM_MODELS_PATH,
  type KindoSim,
  type KindoSimOptions,
} from "./server";
export { validateModelBody, type FieldError } from "./validate";
export {
  buildLitellmError,
  mapNetworkFault,
  mapUpstreamError,
  type NetworkFault,
} from "./inference";
