/** `client.tickets`: support tickets (a beta API that Lambda enables per account). */
import * as operations from "../operation-schemas.js";
import type { EmptyResponse } from "../schemas/common.js";
import type {
  ListTicketsQuery,
  Ticket,
  TicketCreateRequest,
  TicketCreateResponse,
  TicketListResponse,
  TicketUpdateRequest,
} from "../schemas/tickets.js";
import type { RequestOptions } from "../transport/transport.js";
import { Attachments } from "./attachments.js";
import { paginate } from "./paginate.js";
import { Resource } from "./resource.js";

/**
 * Support tickets and their attachments: `client.tickets` of a `LambdaCloudClient`, or a client of this group alone, which takes
 * the same options and bundles only this group's operations.
 * @example
 * ```ts
 * for await (const ticket of new TicketsClient().list()) console.log(ticket.subject);
 * ```
 */
export class TicketsClient extends Resource {
  /** Files attached to tickets. */
  readonly attachments: Attachments = new Attachments(this.transport);

  /** Fetches one page of tickets: `{ tickets, page_token }`. */
  page(query: ListTicketsQuery = {}, options?: RequestOptions): Promise<TicketListResponse> {
    return this.transport.call(operations.listTickets, { query }, options);
  }

  /**
   * Iterates over every ticket matching the filters, fetching pages as needed.
   * @example
   * ```ts
   * for await (const ticket of client.tickets.list({ status: ["open"] })) console.log(ticket.subject);
   * ```
   */
  list(query: ListTicketsQuery = {}, options?: RequestOptions): AsyncGenerator<Ticket, void, undefined> {
    return paginate(async (page_token) => {
      const page = await this.page({ ...query, page_token }, options);
      return { items: page.tickets, nextToken: page.page_token };
    }, query.page_token);
  }

  /** Opens a ticket; `severity` is required for incidents. */
  create(request: TicketCreateRequest, options?: RequestOptions): Promise<TicketCreateResponse> {
    return this.transport.call(operations.createTicket, { body: request }, options);
  }

  /** Gets a ticket with its comments. */
  get(ticketId: string, options?: RequestOptions): Promise<Ticket> {
    return this.transport.call(operations.getTicket, { params: { ticket_id: ticketId } }, options);
  }

  /** Comments on a ticket, changes its severity or priority, or marks it solved. Applied asynchronously (HTTP 202). */
  update(ticketId: string, request: TicketUpdateRequest, options?: RequestOptions): Promise<EmptyResponse> {
    return this.transport.call(operations.updateTicket, { params: { ticket_id: ticketId }, body: request }, options);
  }
}
