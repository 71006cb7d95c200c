/**
 * AIBrix (vllm-project/aibrix): orchestration.aibrix.ai RayClusterFleet, a Deployment-like set of
 * Ray clusters whose `spec.template.spec` is a KubeRay RayCluster spec; vLLM runs in the head's
 * command (`ray start --head ...; vllm serve ...`), as in a RayCluster. Pure.
 * https://github.com/vllm-project/aibrix/blob/main/api/orchestration/v1alpha1/rayclusterfleet_types.go
 */
import { describeRayClusterSpec } from "./kuberay";
import { obj, str, type Obj } from "./pod";
import { NO_CONTEXT, type ReaderContext, type Reading } from "./reading";

/** Reads an AIBrix object; undefined for kinds this reader does not know. */
export function readAiBrix(o: Obj, ctx: ReaderContext = NO_CONTEXT): Reading | undefined {
  if (str(o["apiVersion"])?.split("/")[0] !== "orchestration.aibrix.ai") return undefined;
  if (o["kind"] !== "RayClusterFleet") return undefined;
  const cluster = obj(obj(obj(o["spec"])?.["template"])?.["spec"]);
  if (obj(cluster?.["headGroupSpec"]) === undefined)
    return {
      kind: "skipped",
      reason:
        "it has no spec.template.spec.headGroupSpec (the RayCluster it runs), so its servers are unknown",
    };
  return { kind: "read", workloads: describeRayClusterSpec("RayClusterFleet", o, cluster, ctx) };
}
