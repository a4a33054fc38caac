// The promises about the operations table that only the compiler keeps: an operation joined
// with its schemas (withSchemas) refuses a body schema where the route takes none and needs one
// where it takes one; the table of them (completeTable) refuses a missing operation, an extra one
// and one filed under another's id; the simulator's handler groups cover exactly the table's operations; and
// ResponseOf / BodyOf / QueryOf / ParamsOf derive the types users see from the table.
import * as v from "valibot";
import { describe, expectTypeOf, it } from "vitest";
import {
  type BodyOf,
  completeTable,
  type OperationId,
  type Operations,
  operations,
  type ParamsOf,
  type QueryOf,
  type ResponseOf,
  withSchemas,
} from "../../src/operation-schemas.js";
import type { OperationId as RouteOperationId } from "../../src/operations.js";
import type { AuditEvent } from "../../src/schemas/audit-events.js";
import type { Region } from "../../src/schemas/common.js";
import type { InstanceLaunchRequest, InstanceLaunchResponse, ListInstancesQuery } from "../../src/schemas/instances.js";
import type { Ticket } from "../../src/schemas/tickets.js";
import type { attachmentHandlers } from "../../src/testing/handlers/attachments.js";
import type { auditHandlers } from "../../src/testing/handlers/audit-events.js";
import { catalogHandlers } from "../../src/testing/handlers/catalog.js";
import { filesystemHandlers } from "../../src/testing/handlers/filesystems.js";
import { firewallHandlers } from "../../src/testing/handlers/firewall.js";
import { instanceHandlers } from "../../src/testing/handlers/instances.js";
import { sshKeyHandlers } from "../../src/testing/handlers/ssh-keys.js";
import type { ticketHandlers } from "../../src/testing/handlers/tickets.js";
import type { HandlerTable } from "../../src/testing/handlers/types.js";

describe("an operation joined with its schemas (withSchemas)", () => {
  it("keeps the route's fields and the schemas' types", () => {
    const joined = withSchemas("listRegions", { response: v.array(v.string()) });
    expectTypeOf(joined.id).toEqualTypeOf<"listRegions">();
    expectTypeOf(joined.path).toEqualTypeOf<"/regions">();
    expectTypeOf(joined.response).toEqualTypeOf<v.ArraySchema<v.StringSchema<undefined>, undefined>>();
  });

  it("refuses an id that is not an operation of the route table", () => {
    // @ts-expect-error rebootEverything is not an operation of the route table.
    withSchemas("rebootEverything", { response: v.unknown() });
  });

  it("refuses a body schema for a route that takes no body, and no body schema where the route takes one", () => {
    // @ts-expect-error listRegions is a GET without a body.
    withSchemas("listRegions", { response: v.unknown(), body: v.object({}) });
    // @ts-expect-error launchInstance takes a body, so it needs a body schema.
    withSchemas("launchInstance", { response: v.unknown() });
  });
});

describe("the table of every operation (completeTable)", () => {
  it("keys the table by the route table's ids", () => {
    expectTypeOf(completeTable(operations)).toEqualTypeOf<Operations>();
    expectTypeOf<keyof Operations>().toEqualTypeOf<RouteOperationId>();
    expectTypeOf<OperationId>().toEqualTypeOf<RouteOperationId>();
  });

  it("refuses a table that misses an operation", () => {
    const { deleteAttachment: _left, ...missingOne } = operations;
    // @ts-expect-error deleteAttachment has a route but is not in the table.
    completeTable(missingOne);
  });

  it("refuses an operation that has no route", () => {
    // @ts-expect-error rebootEverything is not an operation of the route table.
    completeTable({ ...operations, rebootEverything: operations.listRegions });
  });

  it("refuses an operation filed under another's id", () => {
    // @ts-expect-error the entry listImages holds listRegions.
    completeTable({ ...operations, listImages: operations.listRegions });
  });
});

describe("the simulator's handler table", () => {
  type Groups =
    | typeof instanceHandlers
    | typeof catalogHandlers
    | typeof sshKeyHandlers
    | typeof filesystemHandlers
    | typeof firewallHandlers
    | ReturnType<typeof auditHandlers>
    | ReturnType<typeof ticketHandlers>
    | typeof attachmentHandlers;
  type Handled = Groups extends infer Group ? (Group extends unknown ? keyof Group : never) : never;

  it("has handler groups that cover exactly the table's operations, none missing and none extra", () => {
    expectTypeOf<Handled>().toEqualTypeOf<OperationId>();
  });

  it("refuses a table of every operation that misses a group", () => {
    // @ts-expect-error the attachment operations have no handler.
    const incomplete: HandlerTable<OperationId> = {
      ...instanceHandlers,
      ...catalogHandlers,
      ...sshKeyHandlers,
      ...filesystemHandlers,
      ...firewallHandlers,
    };
    expectTypeOf(incomplete).toEqualTypeOf<HandlerTable<OperationId>>();
  });

  it("types each handler's validated body by its operation", () => {
    expectTypeOf(instanceHandlers.launchInstance)
      .parameter(0)
      .toHaveProperty("body")
      .toEqualTypeOf<v.InferOutput<Operations["launchInstance"]["body"]>>();
  });
});

describe("ResponseOf, BodyOf, QueryOf and ParamsOf", () => {
  it("give an operation's payload as the response schema outputs it", () => {
    expectTypeOf<ResponseOf<Operations["listRegions"]>>().toEqualTypeOf<Region[]>();
    expectTypeOf<ResponseOf<Operations["launchInstance"]>>().toEqualTypeOf<InstanceLaunchResponse>();
    expectTypeOf<ResponseOf<Operations["getTicket"]>>().toEqualTypeOf<Ticket>();
    // The whole body (envelope "body"), in either shape the API has used.
    expectTypeOf<ResponseOf<Operations["getAuditEvents"]>["data"]>().toExtend<
      AuditEvent[] | { events: AuditEvent[] }
    >();
  });

  it("give an operation's body and query as its strict schemas accept them, and undefined where it takes none", () => {
    expectTypeOf<BodyOf<Operations["launchInstance"]>>().toEqualTypeOf<InstanceLaunchRequest>();
    expectTypeOf<BodyOf<Operations["launchInstance"]>["region_name"]>().toEqualTypeOf<string>();
    expectTypeOf<BodyOf<Operations["listRegions"]>>().toEqualTypeOf<undefined>();
    expectTypeOf<QueryOf<Operations["listInstances"]>>().toEqualTypeOf<ListInstancesQuery>();
    expectTypeOf<QueryOf<Operations["getInstance"]>>().toEqualTypeOf<undefined>();
  });

  it("give the path parameters by name", () => {
    expectTypeOf<ParamsOf<Operations["getAttachmentDownloadUrl"]>>().toEqualTypeOf<{
      readonly ticket_id: string;
      readonly attachment_id: string;
    }>();
    expectTypeOf<ParamsOf<Operations["listRegions"]>>().toEqualTypeOf<{}>();
  });
});
