/**
 * Pulumi program entry (`main: stacks/` in Pulumi.yaml). The stack config comes from the
 * structured config key `kindo-models:stack`, or from a YAML file named by `kindo-models:configFile`
 * (default `stacks/examples/<stack name>.yaml`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parse as parseYaml } from "yaml";
import { deployStack, requireStackConfig } from "./program";

function loadRawConfig(): unknown {
  const cfg = new pulumi.Config("kindo-models");
  const inline = cfg.getObject<unknown>("stack");
  if (inline !== undefined) return inline;
  const file =
    cfg.get("configFile") ?? path.join(__dirname, "examples", `${pulumi.getStack()}.yaml`);
  if (!fs.existsSync(file)) {
    throw new pulumi.RunError(
      `No stack config: set kindo-models:stack, or kindo-models:configFile to a YAML file (looked for ${file}).`,
    );
  }
  return parseYaml(fs.readFileSync(file, "utf8"));
}

export = deployStack(requireStackConfig(loadRawConfig()));
