/** InferenceDnsRecord under Pulumi mocks. */
import assert from "node:assert/strict";
import {
  InferenceDnsRecord,
  INFERENCE_DNS_RECORD_TYPE,
} from "../../../../components/dns/inference-dns-record";
import type { InferenceDnsRecordArgs } from "../../../../components/dns/args";
import { planPublishedEndpoint } from "../../../../components/dns/endpoint";
import {
  installMocks,
  registeredChildren,
  registrationsOfType,
  resetRegistrations,
} from "../../../support/mocks";
import { settle, unwrap } from "../../../support/outputs";
import { validDnsArgs } from "../../../support/factories/components";

// Mock answers of getHostedZoneId; NLB and ALB canonical zones differ, so the test tells them apart.
const NLB_ZONE = "Z26RNL4JYFTOTI";
const hostedZoneCalls: Record<string, unknown>[] = [];

async function record(args: InferenceDnsRecordArgs): Promise<InferenceDnsRecord> {
  const r = new InferenceDnsRecord("llm", args);
  await settle(r);
  return r;
}

describe("InferenceDnsRecord", () => {
  before(() =>
    installMocks({
      "aws:lb/getHostedZoneId:getHostedZoneId": (a) => {
        hostedZoneCalls.push(a);
        return {
          id: a.loadBalancerType === "network" ? NLB_ZONE : "Z35SXDOTRQ7X7K",
          region: a.region,
        };
      },
    }),
  );
  beforeEach(() => {
    resetRegistrations();
    hostedZoneCalls.length = 0;
  });

  it("creates a Route 53 alias for the factory args", async () => {
    await record(validDnsArgs());
    assert.deepStrictEqual(registeredChildren(), [
      ["aws:route53/record:Record", "llm-record"],
      [INFERENCE_DNS_RECORD_TYPE, "llm"],
    ]);
  });

  it("aliases the NLB host name in the network load balancers' canonical zone of its region", async () => {
    await record(validDnsArgs());
    const r = registrationsOfType("aws:route53/record:Record")[0]?.inputs as Record<
      string,
      unknown
    >;
    assert.deepStrictEqual(
      [r.name, r.type, r.aliases, hostedZoneCalls],
      [
        "llm.example.com",
        "A",
        [
          {
            name: "k8s-models-llama-0123.elb.us-east-1.amazonaws.com",
            zoneId: NLB_ZONE,
            evaluateTargetHealth: true,
          },
        ],
        [{ loadBalancerType: "network", region: "us-east-1" }],
      ],
    );
  });

  it("publishes the verified URL under the new name", async () => {
    const r = await record(validDnsArgs());
    assert.equal(await unwrap(r.url), "http://llm.example.com:8000");
  });

  it("creates a Cloud DNS A record to the load balancer IP on GCP", async () => {
    await record(
      validDnsArgs({
        cloud: "gcp",
        zoneId: undefined,
        managedZone: "models",
        verifiedEndpoint: { url: "http://10.1.2.3:8000", verifiedAt: "2026-01-15T10:00:00Z" },
      }),
    );
    const r = registrationsOfType("gcp:dns/recordSet:RecordSet")[0]?.inputs as Record<
      string,
      unknown
    >;
    assert.deepStrictEqual(
      [r.managedZone, r.name, r.type, r.ttl, r.rrdatas],
      ["models", "llm.example.com.", "A", 60, ["10.1.2.3"]],
    );
  });

  it("refuses a GCP record without a managed zone", () => {
    assert.throws(() => new InferenceDnsRecord("llm", validDnsArgs({ cloud: "gcp" })), {
      message: `InferenceDnsRecord "llm" has 2 invalid arguments:\n  - managedZone: cloud "gcp" publishes into a Cloud DNS managed zone. Set managedZone.\n  - zoneId: is not used with cloud "gcp". Remove zoneId.`,
    });
  });
});

describe("planPublishedEndpoint", () => {
  it("refuses an endpoint without a verification time", () => {
    assert.deepStrictEqual(
      planPublishedEndpoint("aws", "llm.example.com", {
        url: "http://a.elb.us-east-1.amazonaws.com",
        verifiedAt: "",
      }),
      {
        ok: false,
        issues: [
          {
            path: "verifiedEndpoint.verifiedAt",
            message: `"" is not a verification time, so the endpoint is not known to work and is not published. Pass ModelVerification's outputs.`,
          },
        ],
      },
    );
  });

  it("refuses a host that is not an AWS network load balancer", () => {
    assert.deepStrictEqual(
      planPublishedEndpoint("aws", "llm.example.com", {
        url: "http://llama.models.svc.cluster.local:8000",
        verifiedAt: "2026-01-15T10:00:00Z",
      }),
      {
        ok: false,
        issues: [
          {
            path: "verifiedEndpoint.url",
            message: `"llama.models.svc.cluster.local" is not an AWS network load balancer host name (…elb.<region>.amazonaws.com). Expose the VllmDeployment with a load balancer and verify that URL.`,
          },
        ],
      },
    );
  });
});
