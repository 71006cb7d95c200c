/** checkZoneOffers: Compute Engine's machine-type list judged per zone. */
import assert from "node:assert/strict";
import {
  checkZoneOffers,
  machineTypeFilter,
  type ZoneMachineTypes,
  type ZoneOfferWanted,
} from "../../../../components/gpu-pool/gke-zones";

const WANT: ZoneOfferWanted = {
  machineType: "g2-standard-24",
  accelerator: "nvidia-l4",
  gpuCount: 2,
};

function offering(
  overrides: Partial<ZoneMachineTypes["machineTypes"][number]> = {},
): ZoneMachineTypes {
  return {
    machineTypes: [
      {
        name: "g2-standard-24",
        accelerators: [{ guestAcceleratorType: "nvidia-l4", guestAcceleratorCount: 2 }],
        ...overrides,
      },
    ],
  };
}

describe("checkZoneOffers", () => {
  it("accepts zones that list the machine type with the expected GPUs", () => {
    assert.deepStrictEqual(
      checkZoneOffers(WANT, ["us-east4-a", "us-east4-c"], [offering(), offering()]),
      [],
    );
  });

  it("names each zone that lists no such machine type", () => {
    assert.deepStrictEqual(
      checkZoneOffers(WANT, ["us-east4-a", "us-east4-b"], [offering(), { machineTypes: [] }]).map(
        (i) => i.path,
      ),
      ["zones[1]"],
    );
  });

  it("reports a machine type whose GPUs differ from the catalog's on machineType", () => {
    assert.deepStrictEqual(
      checkZoneOffers(
        WANT,
        ["us-east4-a"],
        [
          offering({
            accelerators: [{ guestAcceleratorType: "nvidia-l4", guestAcceleratorCount: 1 }],
          }),
        ],
      ),
      [
        {
          path: "machineType",
          message: `"g2-standard-24" in us-east4-a carries 1 × nvidia-l4, not the 2 × nvidia-l4 the catalog expects. Choose the machine type whose GPUs the plan was made for.`,
        },
      ],
    );
  });

  it("filters the list by the exact machine type name", () => {
    assert.equal(machineTypeFilter("a3-highgpu-8g"), 'name = "a3-highgpu-8g"');
  });
});
