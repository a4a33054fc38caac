/** Every operation's handler, in one table the compiler checks for completeness. */
import type { OperationId } from "../../operation-schemas.js";
import { attachmentHandlers } from "./attachments.js";
import { auditHandlers } from "./audit-events.js";
import { catalogHandlers } from "./catalog.js";
import { filesystemHandlers } from "./filesystems.js";
import { firewallHandlers } from "./firewall.js";
import { instanceHandlers } from "./instances.js";
import { sshKeyHandlers } from "./ssh-keys.js";
import { ticketHandlers } from "./tickets.js";
import type { HandlerTable } from "./types.js";

/** The handlers of all 34 operations; `pageSize` applies to the paginated lists. */
export function createHandlers(pageSize: number): HandlerTable<OperationId> {
  return {
    ...instanceHandlers,
    ...catalogHandlers,
    ...sshKeyHandlers,
    ...filesystemHandlers,
    ...firewallHandlers,
    ...auditHandlers(pageSize),
    ...ticketHandlers(pageSize),
    ...attachmentHandlers,
  };
}
