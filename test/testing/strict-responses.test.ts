import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { operationList, operations } from "../../src/operation-schemas.js";
import { InstanceSchema } from "../../src/schemas/instances";
import { toStrictSchema } from "../../src/testing/index";
import { validate } from "../../src/validation";
import { recordEveryOperation } from "./every-operation";

describe("toStrictSchema", () => {
  const instance = {
    id: "a".repeat(32),
    status: "active",
    ssh_key_names: [],
    file_system_names: [],
    region: { name: "us-west-1", description: "California, USA" },
    instance_type: {
      name: "t",
      description: "d",
      price_cents_per_hour: 1,
      specs: { vcpus: 1, memory_gib: 1, storage_gib: 1 },
    },
  };

  it("accepts what the loose schema accepts when nothing is unknown", () => {
    expect(v.safeParse(toStrictSchema(InstanceSchema), instance).success).toBe(true);
  });

  it("rejects an unknown key at any depth, which the loose schema keeps", () => {
    const nested = { ...instance, region: { ...instance.region, zone: "a" } };
    expect(v.safeParse(InstanceSchema, nested).success).toBe(true);
    expect(v.safeParse(toStrictSchema(InstanceSchema), nested).success).toBe(false);
    expect(v.safeParse(toStrictSchema(InstanceSchema), { ...instance, workspace_id: "w" }).success).toBe(false);
  });

  it("rejects an unknown value of an open enum, which the loose schema lets through", () => {
    const odd = { ...instance, status: "hibernating" };
    expect(v.safeParse(InstanceSchema, odd).success).toBe(true);
    expect(v.safeParse(toStrictSchema(InstanceSchema), odd).success).toBe(false);
  });

  it("keeps the checks of pipes and the shape of records, arrays and optional fields", () => {
    const strictTypes = toStrictSchema(operations.listInstanceTypes.response);
    expect(
      v.safeParse(strictTypes, { t: { instance_type: instance.instance_type, regions_with_capacity_available: [] } })
        .success,
    ).toBe(true);
    expect(
      v.safeParse(strictTypes, {
        t: { instance_type: instance.instance_type, regions_with_capacity_available: [], extra: 1 },
      }).success,
    ).toBe(false);
    const strictBody = toStrictSchema(operations.createFilesystem.body);
    expect(v.safeParse(strictBody, { name: "data", region: "us-west-1" }).success).toBe(true);
    expect(v.safeParse(strictBody, { name: "1-bad-start", region: "us-west-1" }).success).toBe(false);
  });
});

describe("every operation's response satisfies the strict schema", () => {
  it("runs all 34 operations through the client and finds no unknown key or enum value", async () => {
    const recorded = await recordEveryOperation();

    const covered = new Set(recorded.map((entry) => entry.operationId));
    expect([...operationList.map((operation) => operation.id)].filter((opId) => !covered.has(opId))).toEqual([]);
    const failures = recorded.flatMap(({ operationId, payload }) => {
      const result = validate(toStrictSchema(operations[operationId as keyof typeof operations].response), payload);
      return result.ok ? [] : [{ operationId, problems: result.problems }];
    });
    expect(failures).toEqual([]);
  });
});
