/**
 * Cloud GPU instance catalog (AWS EC2 and GCP Compute Engine). Data only; lookups live in
 * `gpu-lookup.ts`. Prices are on-demand Linux list prices in USD/hour; GCP machine prices include
 * the attached GPUs (and, for A2 Ultra / A3, the bundled Local SSD).
 *
 * Sources (read 2026-11-25 from stored copies):
 * - AWS prices: Karpenter's generated on-demand price table, built from the AWS Price List API,
 *   header "generated at 2026-07-20T13:44:30Z for us-east-1":
 *   https://github.com/aws/karpenter-provider-aws/blob/1d927085dd81a9df9301e613f371dac5b4d16bfe/pkg/providers/pricing/zz_generated.pricing_aws.go
 *   (cross-check: g5.xlarge $1.006/h in us-east-1 per factualminds.com, June 2026).
 * - AWS vCPU / memory / GPU count: Karpenter's generated instance-type reference (EC2 API data):
 *   https://github.com/aws/karpenter-provider-aws/blob/1d927085dd81a9df9301e613f371dac5b4d16bfe/website/content/en/docs/reference/instance-types.md
 * - GCP prices: Cyclenerd google-cloud-pricing-cost-calculator pricing.yml (built from the Cloud
 *   Billing Catalog API; the data behind gcloud-compute.com), "generated: Thu Jul 30 06:13:17 2026":
 *   https://github.com/Cyclenerd/google-cloud-pricing-cost-calculator/blob/fd66b26ff84fee5cdd94f341ea89206e76c06b99/pricing.yml
 * - GCP vCPU / memory / GPU count: build/gcp.yml of the same repository, and for a3-ultragpu-8g /
 *   a4-highgpu-8g the SkyPilot catalog:
 *   https://github.com/skypilot-org/skypilot-catalog/blob/006059e0f18acb1341e22a27751e9f80df6ba92f/catalogs/v8/gcp/vms.csv
 *
 * Interconnect: "nvlink" for SXM/NVSwitch boards (p4d, p4de, p5, p5e, p5en, p6; a2, a3, a4), also on their
 * 1-GPU sizes where the GPU is still the SXM part; "pcie" for g4dn/g5/g6/g6e/g2.
 */
import type { InstanceSpec } from "./gpu-types";

const AWS_PRICE =
  "Karpenter zz_generated.pricing_aws.go (AWS Price List API, us-east-1, generated 2026-07-20): https://github.com/aws/karpenter-provider-aws/blob/1d927085dd81a9df9301e613f371dac5b4d16bfe/pkg/providers/pricing/zz_generated.pricing_aws.go";
const AWS_SPEC =
  "Karpenter instance-types reference: https://github.com/aws/karpenter-provider-aws/blob/1d927085dd81a9df9301e613f371dac5b4d16bfe/website/content/en/docs/reference/instance-types.md";
const AWS_CHECKED = "2026-07-20";

const GCP_PRICE =
  "Cyclenerd google-cloud-pricing-cost-calculator pricing.yml (Cloud Billing Catalog API; gcloud-compute.com data), generated 2026-07-30: https://github.com/Cyclenerd/google-cloud-pricing-cost-calculator/blob/fd66b26ff84fee5cdd94f341ea89206e76c06b99/pricing.yml";
const GCP_SPEC =
  "Cyclenerd google-cloud-pricing-cost-calculator build/gcp.yml: https://github.com/Cyclenerd/google-cloud-pricing-cost-calculator/blob/dac31281f2a4575f0a8bff20ac04fc71a5ff2190/build/gcp.yml";
const GCP_CHECKED = "2026-07-30";
const SKYPILOT_GCP =
  "SkyPilot catalog v8 gcp/vms.csv: https://github.com/skypilot-org/skypilot-catalog/blob/006059e0f18acb1341e22a27751e9f80df6ba92f/catalogs/v8/gcp/vms.csv";

export const INSTANCES: readonly InstanceSpec[] = Object.freeze([
  // ---------------------------------------------------------------- AWS, us-east-1
  // g4dn (T4, PCIe). Karpenter price table 2026-07-20; specs from Karpenter instance-types doc.
  { type: "g4dn.xlarge", cloud: "aws", family: "g4dn", gpu: "t4-16gb", gpuCount: 1, interconnect: "pcie", vcpu: 4, memoryGiB: 16, onDemandUsdPerHour: 0.526, priceRegion: "us-east-1", priceChecked: AWS_CHECKED, priceSource: AWS_PRICE, specSource: AWS_SPEC, unverified: [] },
  { type: "g4dn.12xlarge", cloud: "aws", family: "g4dn", gpu: "t4-16gb", gpuCount: 4, interconnect: "pcie", vcpu: 48, memoryGiB: 192, onDemandUsdPerHour: 3.912, priceRegion: "us-east-1", priceChecked: AWS_CHECKED, priceSource: AWS_PRICE, specSource: AWS_SPEC, unverified: [] },
  { type: "g4dn.metal", cloud: "aws", family: "g4dn", gpu: "t4-16gb", gpuCount: 8, interconnect: "pcie", vcpu: 96, memoryGiB: 384, onDemandUsdPerHour: 7.824, priceRegion: "us-east-1", priceChecked: AWS_CHECKED, priceSource: AWS_PRICE, specSource: AWS_SPEC, unverified: [] },
  // g5 (A10G, PCIe). Karpenter price table 2026-07-20.
  { type: "g5.xlarge", cloud: "aws", family: "g5", gpu: "a10g-24gb", gpuCount: 1, interconnect: "pcie", vcpu: 4, memoryGiB: 16, onDemandUsdPerHour: 1.006, priceRegion: "us-east-1", priceChecked: AWS_CHECKED, priceSource: AWS_PRICE, specSource: AWS_SPEC, unverified: [] },
  { type: "g5.12xlarge", cloud: "aws", family: "g5", gpu: "a10g-24gb", gpuCount: 4, interconnect: "pcie", vcpu: 48, memoryGiB: 192, onDemandUsdPerHour: 5.672, priceRegion: "us-east-1", priceChecked: AWS_CHECKED, priceSource: AWS_PRICE, specSource: AWS_SPEC, unverified: [] },
  { type: "g5.48xlarge", cloud: "aws", family: "g5", gpu: "a10g-24gb", gpuCount: 8, interconnect: "pcie", vcpu: 192, memoryGiB: 768, onDemandUsdPerHour: 16.288, priceRegion: "us-east-1", priceChecked: AWS_CHECKED, priceSource: AWS_PRICE, specSource: AWS_SPEC, unverified: [] },
  // g6 (L4, PCIe). Karpenter price table 2026-07-20.
  { type: "g6.xlarge", cloud: "aws", family: "g6", gpu: "l4-24gb", gpuCount: 1, interconnect: "pcie", vcpu: 4, memoryGiB: 16, onDemandUsdPerHour: 0.8048, priceRegion: "us-east-1", priceChecked: AWS_CHECKED, priceSource: AWS_PRICE, specSource: AWS_SPEC, unverified: [] },
  { type: "g6.12xlarge", cloud: "aws", family: "g6", gpu: "l4-24gb", gpuCount: 4, interconnect: "pcie", vcpu: 48, memoryGiB: 192, onDemandUsdPerHour: 4.6016, priceRegion: "us-east-1", priceChecked: AWS_CHECKED, priceSource: AWS_PRICE, specSource: AWS_SPEC, unverified: [] },
  { type: "g6.48xlarge", cloud: "aws", family: "g6", gpu: "l4-24gb", gpuCount: 8, interconnect: "pcie", vcpu: 192, memoryGiB: 768, onDemandUsdPerHour: 13.3504, priceRegion: "us-east-1", priceChecked: AWS_CHECKED, priceSource: AWS_PRICE, specSource: AWS_SPEC, unverified: [] },
  // g6e (L40S, PCIe). Karpenter price table 2026-07-20.
  { type: "g6e.xlarge", cloud: "aws", family: "g6e", gpu: "l40s-48gb", gpuCount: 1, interconnect: "pcie", vcpu: 4, memoryGiB: 32, onDemandUsdPerHour: 1.861, priceRegion: "us-east-1", priceChecked: AWS_CHECKED, priceSource: AWS_PRICE, specSource: AWS_SPEC, unverified: [] },
  { type: "g6e.12xlarge", cloud: "aws", family: "g6e", gpu: "l40s-48gb", gpuCount: 4, interconnect: "pcie", vcpu: 48, memoryGiB: 384, onDemandUsdPerHour: 10.49264, priceRegion: "us-east-1", priceChecked: AWS_CHECKED, priceSource: AWS_PRICE, specSource: AWS_SPEC, unverified: [] },
  { type: "g6e.24xlarge", cloud: "aws", family: "g6e", gpu: "l40s-48gb", gpuCount: 4, interconnect: "pcie", vcpu: 96, memoryGiB: 768, onDemandUsdPerHour: 15.06559, priceRegion: "us-east-1", priceChecked: AWS_CHECKED, priceSource: AWS_PRICE, specSource: AWS_SPEC, unverified: [] },
  { type: "g6e.48xlarge", cloud: "aws", family: "g6e", gpu: "l40s-48gb", gpuCount: 8, interconnect: "pcie", vcpu: 192, memoryGiB: 1536, onDemandUsdPerHour: 30.13118, priceRegion: "us-east-1", priceChecked: AWS_CHECKED, priceSource: AWS_PRICE, specSource: AWS_SPEC, unverified: [] },
  // p4d / p4de (A100 SXM4 + NVSwitch). Karpenter price table 2026-07-20.
  { type: "p4d.24xlarge", cloud: "aws", family: "p4d", gpu: "a100-40gb", gpuCount: 8, interconnect: "nvlink", vcpu: 96, memoryGiB: 1152, onDemandUsdPerHour: 21.957642, priceRegion: "us-east-1", priceChecked: AWS_CHECKED, priceSource: AWS_PRICE, specSource: AWS_SPEC, unverified: [] },
  { type: "p4de.24xlarge", cloud: "aws", family: "p4de", gpu: "a100-80gb", gpuCount: 8, interconnect: "nvlink", vcpu: 96, memoryGiB: 1152, onDemandUsdPerHour: 27.44705, priceRegion: "us-east-1", priceChecked: AWS_CHECKED, priceSource: AWS_PRICE, specSource: AWS_SPEC, unverified: [] },
  // p5 (H100 SXM). p5.4xlarge is a 1-GPU slice of the same board. Karpenter price table 2026-07-20.
  { type: "p5.4xlarge", cloud: "aws", family: "p5", gpu: "h100-80gb-sxm", gpuCount: 1, interconnect: "nvlink", vcpu: 16, memoryGiB: 256, onDemandUsdPerHour: 6.88, priceRegion: "us-east-1", priceChecked: AWS_CHECKED, priceSource: AWS_PRICE, specSource: AWS_SPEC, unverified: [] },
  { type: "p5.48xlarge", cloud: "aws", family: "p5", gpu: "h100-80gb-sxm", gpuCount: 8, interconnect: "nvlink", vcpu: 192, memoryGiB: 2048, onDemandUsdPerHour: 55.04, priceRegion: "us-east-1", priceChecked: AWS_CHECKED, priceSource: AWS_PRICE, specSource: AWS_SPEC, unverified: [] },
  // p5e (H200): specs from Karpenter; NOT in the us-east-1 on-demand price table (p5e is sold via
  // Capacity Blocks / other regions). Price below is an estimate copied from p5en.48xlarge (same
  // GPUs), dated 2026-11-25, and must be replaced before anyone relies on it.
  { type: "p5e.48xlarge", cloud: "aws", family: "p5e", gpu: "h200-141gb", gpuCount: 8, interconnect: "nvlink", vcpu: 192, memoryGiB: 2048, onDemandUsdPerHour: 63.296, priceRegion: "us-east-1", priceChecked: "2026-11-25", priceSource: "estimate: p5en.48xlarge price from " + AWS_PRICE, specSource: AWS_SPEC, unverified: ["onDemandUsdPerHour"] },
  // p5en (H200). Karpenter price table 2026-07-20.
  { type: "p5en.48xlarge", cloud: "aws", family: "p5en", gpu: "h200-141gb", gpuCount: 8, interconnect: "nvlink", vcpu: 192, memoryGiB: 2048, onDemandUsdPerHour: 63.296, priceRegion: "us-east-1", priceChecked: AWS_CHECKED, priceSource: AWS_PRICE, specSource: AWS_SPEC, unverified: [] },
  // p6-b200 (B200). Karpenter price table 2026-07-20; Karpenter lists 183359 MiB GPU memory each.
  { type: "p6-b200.48xlarge", cloud: "aws", family: "p6-b200", gpu: "b200-180gb", gpuCount: 8, interconnect: "nvlink", vcpu: 192, memoryGiB: 2048, onDemandUsdPerHour: 113.9328, priceRegion: "us-east-1", priceChecked: AWS_CHECKED, priceSource: AWS_PRICE, specSource: AWS_SPEC, unverified: [] },

  // ---------------------------------------------------------------- GCP, us-central1
  // G2 (L4, PCIe); price includes the L4s. Cyclenerd pricing.yml 2026-07-30.
  { type: "g2-standard-4", cloud: "gcp", family: "g2", gpu: "l4-24gb", gpuCount: 1, interconnect: "pcie", vcpu: 4, memoryGiB: 16, onDemandUsdPerHour: 0.7068, priceRegion: "us-central1", priceChecked: GCP_CHECKED, priceSource: GCP_PRICE, specSource: GCP_SPEC, unverified: [] },
  { type: "g2-standard-24", cloud: "gcp", family: "g2", gpu: "l4-24gb", gpuCount: 2, interconnect: "pcie", vcpu: 24, memoryGiB: 96, onDemandUsdPerHour: 2.0008, priceRegion: "us-central1", priceChecked: GCP_CHECKED, priceSource: GCP_PRICE, specSource: GCP_SPEC, unverified: [] },
  { type: "g2-standard-48", cloud: "gcp", family: "g2", gpu: "l4-24gb", gpuCount: 4, interconnect: "pcie", vcpu: 48, memoryGiB: 192, onDemandUsdPerHour: 4.0017, priceRegion: "us-central1", priceChecked: GCP_CHECKED, priceSource: GCP_PRICE, specSource: GCP_SPEC, unverified: [] },
  { type: "g2-standard-96", cloud: "gcp", family: "g2", gpu: "l4-24gb", gpuCount: 8, interconnect: "pcie", vcpu: 96, memoryGiB: 384, onDemandUsdPerHour: 8.0033, priceRegion: "us-central1", priceChecked: GCP_CHECKED, priceSource: GCP_PRICE, specSource: GCP_SPEC, unverified: [] },
  // A2 High (A100 40GB SXM4, NVLink) and A2 Mega. Cyclenerd pricing.yml 2026-07-30.
  { type: "a2-highgpu-1g", cloud: "gcp", family: "a2", gpu: "a100-40gb", gpuCount: 1, interconnect: "nvlink", vcpu: 12, memoryGiB: 85, onDemandUsdPerHour: 3.6734, priceRegion: "us-central1", priceChecked: GCP_CHECKED, priceSource: GCP_PRICE, specSource: GCP_SPEC, unverified: [] },
  { type: "a2-highgpu-2g", cloud: "gcp", family: "a2", gpu: "a100-40gb", gpuCount: 2, interconnect: "nvlink", vcpu: 24, memoryGiB: 170, onDemandUsdPerHour: 7.3468, priceRegion: "us-central1", priceChecked: GCP_CHECKED, priceSource: GCP_PRICE, specSource: GCP_SPEC, unverified: [] },
  { type: "a2-highgpu-4g", cloud: "gcp", family: "a2", gpu: "a100-40gb", gpuCount: 4, interconnect: "nvlink", vcpu: 48, memoryGiB: 340, onDemandUsdPerHour: 14.6935, priceRegion: "us-central1", priceChecked: GCP_CHECKED, priceSource: GCP_PRICE, specSource: GCP_SPEC, unverified: [] },
  { type: "a2-highgpu-8g", cloud: "gcp", family: "a2", gpu: "a100-40gb", gpuCount: 8, interconnect: "nvlink", vcpu: 96, memoryGiB: 680, onDemandUsdPerHour: 29.3871, priceRegion: "us-central1", priceChecked: GCP_CHECKED, priceSource: GCP_PRICE, specSource: GCP_SPEC, unverified: [] },
  { type: "a2-megagpu-16g", cloud: "gcp", family: "a2", gpu: "a100-40gb", gpuCount: 16, interconnect: "nvlink", vcpu: 96, memoryGiB: 1360, onDemandUsdPerHour: 55.7395, priceRegion: "us-central1", priceChecked: GCP_CHECKED, priceSource: GCP_PRICE, specSource: GCP_SPEC, unverified: [] },
  // A2 Ultra (A100 80GB); price includes GPUs and the bundled Local SSD. Cyclenerd pricing.yml 2026-07-30.
  { type: "a2-ultragpu-1g", cloud: "gcp", family: "a2", gpu: "a100-80gb", gpuCount: 1, interconnect: "nvlink", vcpu: 12, memoryGiB: 170, onDemandUsdPerHour: 5.0688, priceRegion: "us-central1", priceChecked: GCP_CHECKED, priceSource: GCP_PRICE, specSource: GCP_SPEC, unverified: [] },
  { type: "a2-ultragpu-2g", cloud: "gcp", family: "a2", gpu: "a100-80gb", gpuCount: 2, interconnect: "nvlink", vcpu: 24, memoryGiB: 340, onDemandUsdPerHour: 10.1376, priceRegion: "us-central1", priceChecked: GCP_CHECKED, priceSource: GCP_PRICE, specSource: GCP_SPEC, unverified: [] },
  { type: "a2-ultragpu-4g", cloud: "gcp", family: "a2", gpu: "a100-80gb", gpuCount: 4, interconnect: "nvlink", vcpu: 48, memoryGiB: 680, onDemandUsdPerHour: 20.2752, priceRegion: "us-central1", priceChecked: GCP_CHECKED, priceSource: GCP_PRICE, specSource: GCP_SPEC, unverified: [] },
  { type: "a2-ultragpu-8g", cloud: "gcp", family: "a2", gpu: "a100-80gb", gpuCount: 8, interconnect: "nvlink", vcpu: 96, memoryGiB: 1360, onDemandUsdPerHour: 40.5504, priceRegion: "us-central1", priceChecked: GCP_CHECKED, priceSource: GCP_PRICE, specSource: GCP_SPEC, unverified: [] },
  // A3 High (H100 SXM); price includes GPUs and bundled Local SSD. Cyclenerd pricing.yml 2026-07-30.
  { type: "a3-highgpu-1g", cloud: "gcp", family: "a3", gpu: "h100-80gb-sxm", gpuCount: 1, interconnect: "nvlink", vcpu: 26, memoryGiB: 234, onDemandUsdPerHour: 11.0612, priceRegion: "us-central1", priceChecked: GCP_CHECKED, priceSource: GCP_PRICE, specSource: GCP_SPEC, unverified: [] },
  { type: "a3-highgpu-2g", cloud: "gcp", family: "a3", gpu: "h100-80gb-sxm", gpuCount: 2, interconnect: "nvlink", vcpu: 52, memoryGiB: 468, onDemandUsdPerHour: 22.1225, priceRegion: "us-central1", priceChecked: GCP_CHECKED, priceSource: GCP_PRICE, specSource: GCP_SPEC, unverified: [] },
  { type: "a3-highgpu-4g", cloud: "gcp", family: "a3", gpu: "h100-80gb-sxm", gpuCount: 4, interconnect: "nvlink", vcpu: 104, memoryGiB: 936, onDemandUsdPerHour: 44.245, priceRegion: "us-central1", priceChecked: GCP_CHECKED, priceSource: GCP_PRICE, specSource: GCP_SPEC, unverified: [] },
  { type: "a3-highgpu-8g", cloud: "gcp", family: "a3", gpu: "h100-80gb-sxm", gpuCount: 8, interconnect: "nvlink", vcpu: 208, memoryGiB: 1872, onDemandUsdPerHour: 88.49, priceRegion: "us-central1", priceChecked: GCP_CHECKED, priceSource: GCP_PRICE, specSource: GCP_SPEC, unverified: [] },
  // A3 Mega (H100 SXM, more GPU NICs). The price file has no us-central1 price for it, so the
  // us-east4 price is used (a3-highgpu host prices are equal in us-central1 and us-east4 per
  // SkyPilot). Cyclenerd pricing.yml 2026-07-30.
  { type: "a3-megagpu-8g", cloud: "gcp", family: "a3", gpu: "h100-80gb-sxm", gpuCount: 8, interconnect: "nvlink", vcpu: 208, memoryGiB: 1872, onDemandUsdPerHour: 92.9376, priceRegion: "us-east4", priceChecked: GCP_CHECKED, priceSource: GCP_PRICE, specSource: GCP_SPEC, unverified: [] },
  // A3 Ultra (H200). Specs from SkyPilot (224 vCPU / 2952 GiB). No GPU-inclusive price found:
  // SkyPilot lists the host part only ($12.266/h us-central1). Estimate, dated 2026-11-25 =
  // that host price + the 8x H100 GPU share of a3-highgpu-8g (88.49 - 9.46 host) = ~91.30.
  { type: "a3-ultragpu-8g", cloud: "gcp", family: "a3", gpu: "h200-141gb", gpuCount: 8, interconnect: "nvlink", vcpu: 224, memoryGiB: 2952, onDemandUsdPerHour: 91.3, priceRegion: "us-central1", priceChecked: "2026-11-25", priceSource: "estimate from " + SKYPILOT_GCP + " (host) and " + GCP_PRICE + " (H100 GPU share)", specSource: SKYPILOT_GCP, unverified: ["onDemandUsdPerHour"] },
  // A4 (B200). Specs from SkyPilot (224 vCPU / 3968 GiB). No price found (SkyPilot lists 0.0).
  // Estimate, dated 2026-11-25 = a3-ultragpu-8g estimate x AWS p6-b200/p5en ratio (113.93/63.30).
  { type: "a4-highgpu-8g", cloud: "gcp", family: "a4", gpu: "b200-180gb", gpuCount: 8, interconnect: "nvlink", vcpu: 224, memoryGiB: 3968, onDemandUsdPerHour: 164.3, priceRegion: "us-central1", priceChecked: "2026-11-25", priceSource: "estimate (no GCP price found); see comment", specSource: SKYPILOT_GCP, unverified: ["onDemandUsdPerHour"] },
]);
