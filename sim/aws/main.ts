/**
 * Entry point of the fake AWS provider plugin (sim/aws/provider.ts): the engine starts
 * `sim/aws/pulumi-resource-aws`, which runs this file; it serves the provider protocol on a
 * loopback port and prints the port, as every provider plugin does.
 */
import * as pulumi from "@pulumi/pulumi";
import { createFakeAwsProvider, fakeAwsStateFile } from "./provider";

void pulumi.provider.main(createFakeAwsProvider(fakeAwsStateFile()), process.argv.slice(2));
