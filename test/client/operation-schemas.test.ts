import { describe, expect, it } from "vitest";
import { operationList } from "../../src/operation-schemas.js";
import { operationRouteList, operationRoutes } from "../../src/operations.js";

/** The proxy routes with the schema-free route table; these checks keep it equal to the full table. */
describe("the route table behind the proxy", () => {
  it("has the same operations, in the same order, as the operations table", () => {
    expect(operationRouteList.map((route) => route.id)).toEqual(operationList.map((operation) => operation.id));
  });

  it.each(operationList.map((operation) => [operation.id, operation] as const))(
    "gives %s the route it has in the operations table",
    (id, operation) => {
      const route = operationRoutes[id as keyof typeof operationRoutes];
      expect({
        method: operation.method,
        path: operation.path,
        params: operation.params,
        access: operation.access,
      }).toEqual({
        method: route.method,
        path: route.path,
        params: route.params,
        access: route.access,
      });
    },
  );

  it.each(operationList.map((operation) => [operation.id, operation] as const))(
    "lists exactly the query keys and body of %s's schemas",
    (_id, operation) => {
      const schemaKeys = Object.keys((operation.query as { entries?: object } | undefined)?.entries ?? {});
      expect(operation.queryKeys ?? []).toEqual(schemaKeys);
      expect(operation.hasBody === true).toBe(operation.body !== undefined);
    },
  );
});
