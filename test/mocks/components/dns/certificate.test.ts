/** createValidatedCertificate under Pulumi mocks: ACM certificate, its DNS validation record, the validation. */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
  createValidatedCertificate,
  type ValidatedCertificateArgs,
} from "../../../../components/dns/certificate";
import {
  installMocks,
  registeredChildren,
  registrationsOfType,
  resetRegistrations,
} from "../../../support/mocks";
import { settle, unwrap } from "../../../support/outputs";

class Parent extends pulumi.ComponentResource {
  constructor() {
    super("test:index:Parent", "tls", {});
  }
}

function validCertificateArgs(
  overrides: Partial<ValidatedCertificateArgs> = {},
): ValidatedCertificateArgs {
  return { domainName: "llm.example.com", zoneId: "Z0123456789ABC", ...overrides };
}

async function certificate(args: ValidatedCertificateArgs): Promise<string> {
  const parent = new Parent();
  const arn = createValidatedCertificate("llm", args, { parent });
  await settle(parent);
  return unwrap(arn);
}

function inputsOf(type: string): Record<string, any> {
  return registrationsOfType(type)[0]?.inputs as Record<string, any>;
}

describe("createValidatedCertificate", () => {
  before(() => installMocks());
  beforeEach(() => resetRegistrations());

  it("creates the certificate, its validation record and the validation", async () => {
    await certificate(validCertificateArgs());
    assert.deepStrictEqual(registeredChildren(), [
      ["aws:acm/certificate:Certificate", "llm-certificate"],
      ["aws:acm/certificateValidation:CertificateValidation", "llm-certificate-validation"],
      ["aws:route53/record:Record", "llm-certificate-validation-record"],
      ["test:index:Parent", "tls"],
    ]);
  });

  it("asks ACM for a DNS-validated certificate of the domain", async () => {
    await certificate(validCertificateArgs());
    const c = inputsOf("aws:acm/certificate:Certificate");
    assert.deepStrictEqual([c.domainName, c.validationMethod], ["llm.example.com", "DNS"]);
  });

  it("writes the CNAME ACM asks for into the hosted zone", async () => {
    await certificate(validCertificateArgs());
    const r = inputsOf("aws:route53/record:Record");
    assert.deepStrictEqual(
      [r.zoneId, r.name, r.type, r.records, r.ttl],
      [
        "Z0123456789ABC",
        "_token0.llm.example.com.",
        "CNAME",
        ["_token0.validation.acm-validations.aws."],
        60,
      ],
    );
  });

  it("waits for validation through that record before handing out the ARN", async () => {
    const arn = await certificate(validCertificateArgs());
    const v = inputsOf("aws:acm/certificateValidation:CertificateValidation");
    assert.deepStrictEqual(
      [v.certificateArn, v.validationRecordFqdns, arn],
      [
        "arn:aws:acm:us-east-1:123456789012:certificate/llm-certificate",
        ["_token0.llm.example.com"],
        "arn:aws:acm:us-east-1:123456789012:certificate/llm-certificate",
      ],
    );
  });

  it("refuses a domain that is not a host name, naming the field, and creates nothing", async () => {
    let message = "";
    try {
      createValidatedCertificate("llm", validCertificateArgs({ domainName: "LLM endpoint" }), {});
    } catch (e) {
      message = (e as Error).message;
    }
    await settle();
    assert.deepStrictEqual(
      [message, registeredChildren()],
      [
        'createValidatedCertificate "llm" has 1 invalid argument:\n  - domainName: "LLM endpoint" is not a fully qualified host name. Use lower-case labels separated by dots, without a trailing dot, e.g. "llm.example.com".',
        [],
      ],
    );
  });
});
