/** Public surface of the DNS component. */
export { InferenceDnsRecord, INFERENCE_DNS_RECORD_TYPE } from "./inference-dns-record";
export {
  inferenceDnsRecordArgsSchema,
  type InferenceDnsRecordArgs,
  type VerifiedEndpoint,
} from "./args";
export { createValidatedCertificate, type ValidatedCertificateArgs } from "./certificate";
