/**
 * The NVIDIA Kubernetes device plugin DaemonSet, for EKS AL2023 NVIDIA nodes (which ship the
 * driver but not the plugin; Bottlerocket NVIDIA nodes have it built in). Shaped after NVIDIA's
 * static manifest (github.com/NVIDIA/k8s-device-plugin, deployments/static/nvidia-device-plugin.yml);
 * see https://docs.aws.amazon.com/eks/latest/userguide/ml-eks-k8s-device-plugin.html. Pure.
 */
import type { IDaemonSet } from "kubernetes-models/apps/v1/DaemonSet";
import { buildNodeSelector, buildTolerations, type GpuPoolContract } from "./pool-contract";

/** Device plugin image; AWS's guide installs the 0.17 chart (tag unverified against the registry here). */
export const DEVICE_PLUGIN_IMAGE = "nvcr.io/nvidia/k8s-device-plugin:v0.17.0";

/** The DaemonSet for one pool: runs only on the pool's nodes and tolerates its taints. */
export function buildDevicePluginDaemonSet(contract: GpuPoolContract): IDaemonSet {
  const labels = {
    "app.kubernetes.io/name": "nvidia-device-plugin",
    "app.kubernetes.io/instance": contract.poolName,
    "app.kubernetes.io/managed-by": "kindo-models",
  };
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: {
      name: `nvidia-device-plugin-${contract.poolName}`.slice(0, 63).replace(/[-.]+$/, ""),
      namespace: "kube-system",
      labels,
    },
    spec: {
      selector: { matchLabels: labels },
      updateStrategy: { type: "RollingUpdate" },
      template: {
        metadata: { labels },
        spec: {
          priorityClassName: "system-node-critical",
          tolerations: buildTolerations(contract),
          nodeSelector: buildNodeSelector(contract),
          containers: [
            {
              name: "nvidia-device-plugin",
              image: DEVICE_PLUGIN_IMAGE,
              env: [{ name: "FAIL_ON_INIT_ERROR", value: "false" }],
              securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
              volumeMounts: [
                { name: "device-plugin", mountPath: "/var/lib/kubelet/device-plugins" },
              ],
            },
          ],
          volumes: [
            { name: "device-plugin", hostPath: { path: "/var/lib/kubelet/device-plugins" } },
          ],
        },
      },
    },
  };
}
