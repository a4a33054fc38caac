/** Support tickets: open, list with filters and pages, read with comments, update (answered 202). */
import type * as v from "valibot";
import { ErrorCodes } from "../../error-codes.js";
import type { Ticket, TicketCreateRequestSchema } from "../../schemas/tickets.js";
import { SimulatorApiError } from "../envelope.js";
import { lrnOf } from "../lrn.js";
import { pageOf } from "../pagination.js";
import type { Store, TicketRecord } from "../store.js";
import type { HandlerTable } from "./types.js";

/** A validated ticket request. */
export type TicketRequest = v.InferOutput<typeof TicketCreateRequestSchema>;

/** The ticket, or a 404 `global/not-found` (the API's code for a missing ticket). */
export function findTicket(store: Store, id: string): TicketRecord {
  const ticket = store.tickets.get(id);
  if (!ticket)
    throw new SimulatorApiError(
      404,
      ErrorCodes.notFound,
      `No ticket with id ${id} was found.`,
      "List your tickets to find the right id.",
    );
  return ticket;
}

/** Opens a ticket; the description becomes its first comment. */
export function createTicket(store: Store, request: TicketRequest): TicketRecord {
  const now = store.timestamp();
  const ticket: TicketRecord = {
    id: store.newId(),
    subject: request.subject,
    description: request.description,
    type: request.type,
    ...(request.severity ? { severity: request.severity } : {}),
    priority: request.priority ?? "normal",
    status: "open",
    external_ticket_provider: "zendesk",
    external_ticket_id: String(100_000 + store.tickets.size + 1),
    ...(request.hostname ? { hostname: request.hostname } : {}),
    ...(request.device_serial ? { device_serial: request.device_serial } : {}),
    created_at: now,
    updated_at: now,
    ...(request.affected_devices ? { affected_devices: [...request.affected_devices] } : {}),
    comments: [{ body: request.description, author: request.requester_email ?? store.user.email, created_at: now }],
    requester_email: request.requester_email,
  };
  store.tickets.set(ticket.id, ticket);
  return ticket;
}

/** The ticket as the API shows it (request-only fields left out). */
export function ticketView(ticket: TicketRecord): Ticket {
  const { requester_email: _requester, ...view } = structuredClone(ticket);
  return view;
}

const FILTERS = ["status", "type", "severity", "priority", "device_serial"] as const;

function matches(ticket: TicketRecord, query: Partial<Record<(typeof FILTERS)[number], string[]>>): boolean {
  return FILTERS.every((field) => {
    const wanted = query[field];
    if (!wanted) return true;
    const value = ticket[field];
    return value !== undefined && wanted.some((candidate) => candidate.toLowerCase() === value.toLowerCase());
  });
}

/** Handlers of the ticket operations; `pageSize` tickets per page. */
export function ticketHandlers(
  pageSize: number,
): HandlerTable<"listTickets" | "createTicket" | "getTicket" | "updateTicket"> {
  return {
    listTickets: ({ store, query }) => {
      const field = query.order_by ?? "created_at";
      const sign = query.direction === "asc" ? 1 : -1;
      const sorted = [...store.tickets.values()]
        .filter((ticket) => matches(ticket, query))
        .sort((a, b) => sign * (a[field] ?? "").localeCompare(b[field] ?? ""));
      const page = pageOf(sorted, query.page_token, pageSize);
      return { payload: { tickets: page.items.map(ticketView), page_token: page.pageToken } };
    },
    createTicket: ({ store, body }) => {
      const ticket = createTicket(store, body);
      const {
        subject: _subject,
        description: _description,
        comments: _comments,
        resolved_at: _resolved,
        updated_at: _updated,
        ...created
      } = ticketView(ticket);
      return { payload: created, resources: [lrnOf("ticket", ticket.id)] };
    },
    getTicket: ({ store, params }) => ({ payload: ticketView(findTicket(store, params.ticket_id)) }),
    updateTicket: ({ store, params, body }) => {
      const ticket = findTicket(store, params.ticket_id);
      const now = store.timestamp();
      if (body.severity) ticket.severity = body.severity;
      if (body.priority) ticket.priority = body.priority;
      if (body.affected_devices) ticket.affected_devices = [...body.affected_devices];
      if (body.comment) ticket.comments.push({ body: body.comment.body, author: store.user.email, created_at: now });
      if (body.status === "solved") {
        ticket.status = "solved";
        ticket.resolved_at = now;
      }
      ticket.updated_at = now;
      return { payload: {}, resources: [lrnOf("ticket", ticket.id)] };
    },
  };
}
