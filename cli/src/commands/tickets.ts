/** `tickets list|get|create|comment|solve|attach`: support tickets (a beta API Lambda enables per account). */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Ticket, TicketCreateRequest } from "lambda-cloud";
import { collect, defineCommand, defineGroup, type Register } from "../command.ts";
import { UsageError } from "../errors.ts";
import type { Paint } from "../paint.ts";
import { details, table } from "../table.ts";

function ticketsTable(paint: Paint, tickets: readonly Ticket[]): string {
  return table(
    paint,
    ["ID", "SUBJECT", "STATUS", "TYPE", "SEVERITY", "CREATED"],
    tickets.map((t) => [t.id, t.subject, t.status, t.type, t.severity, t.created_at]),
  );
}

interface CreateOptions {
  readonly subject: string;
  readonly description: string;
  readonly type: TicketCreateRequest["type"];
  readonly severity?: TicketCreateRequest["severity"];
  readonly priority?: TicketCreateRequest["priority"];
  readonly instanceId?: string;
}

export const registerTickets: Register = (program, io) => {
  const group = defineGroup(program, "tickets", "support tickets", ["tickets list --status open"]);

  defineCommand<{ status?: string[] }>(group, io, {
    name: "list",
    description: "list tickets, all pages",
    examples: ["tickets list --status open"],
    options: (command) =>
      command.option("--status <status>", "only this status (open, pending, solved, ...); repeatable", collect),
    run: async (context, _args, options) => {
      const tickets: Ticket[] = [];
      for await (const ticket of (await context.client()).tickets.list(
        options.status ? { status: options.status } : {},
        { signal: context.signal },
      ))
        tickets.push(ticket);
      context.print(tickets, () => ticketsTable(context.paint, tickets));
    },
  });

  defineCommand(group, io, {
    name: "get <ticket>",
    description: "show a ticket and its comments",
    examples: ["tickets get 0123456789abcdef0123456789abcdef"],
    run: async (context, [id]) => {
      const ticket = await (await context.client()).tickets.get(id as string, { signal: context.signal });
      const comments = ticket.comments
        .map((comment) => `\n${context.paint.dim(`${comment.created_at} ${comment.author}:`)}\n${comment.body}`)
        .join("\n");
      context.print(
        ticket,
        () =>
          `${details(context.paint, [
            ["id", ticket.id],
            ["subject", ticket.subject],
            ["status", ticket.status],
            ["type", ticket.type],
            ["severity", ticket.severity],
          ])}\n\n${ticket.description}${comments}`,
      );
    },
  });

  defineCommand<CreateOptions>(group, io, {
    name: "create",
    description: "open a ticket",
    examples: ['tickets create --subject "Quota" --description "More H100s, please"'],
    options: (command) =>
      command
        .requiredOption("--subject <text>", "subject")
        .requiredOption("--description <text>", "what happened")
        .option("--type <type>", "incident or service_request", "service_request")
        .option("--severity <sev>", "sev_1, sev_2 or sev_3 (incidents only)")
        .option("--priority <priority>", "low, normal, high or urgent")
        .option("--instance-id <id>", "the instance concerned"),
    run: async (context, _args, options) => {
      const request = {
        subject: options.subject,
        description: options.description,
        type: options.type,
        ...(options.severity !== undefined && { severity: options.severity }),
        ...(options.priority !== undefined && { priority: options.priority }),
        ...(options.instanceId !== undefined && { instance_id: options.instanceId }),
      };
      const ticket = await (await context.client()).tickets.create(request, { signal: context.signal });
      context.print(ticket, () =>
        details(context.paint, [
          ["id", ticket.id],
          ["status", ticket.status],
          ["type", ticket.type],
        ]),
      );
    },
  });

  defineCommand(group, io, {
    name: "comment <ticket> <text>",
    description: "add a comment to a ticket",
    examples: ['tickets comment 0123456789abcdef0123456789abcdef "Rebooted; still failing."'],
    run: async (context, [id, body]) => {
      const result = await (await context.client()).tickets.update(
        id as string,
        { comment: { body: body as string } },
        { signal: context.signal },
      );
      context.print(result, () => `Comment sent to ticket ${id as string}.`);
    },
  });

  defineCommand(group, io, {
    name: "solve <ticket>",
    description: "mark a ticket solved",
    examples: ["tickets solve 0123456789abcdef0123456789abcdef"],
    run: async (context, [id]) => {
      const result = await (await context.client()).tickets.update(
        id as string,
        { status: "solved" },
        { signal: context.signal },
      );
      context.print(result, () => `Ticket ${id as string} marked solved.`);
    },
  });

  defineCommand<{ contentType: string }>(group, io, {
    name: "attach <ticket> <file>",
    description: "attach a file to a ticket",
    examples: ["tickets attach 0123456789abcdef0123456789abcdef dmesg.txt"],
    options: (command) => command.option("--content-type <type>", "MIME type", "text/plain"),
    run: async (context, [id, file], options) => {
      const body = await readFile(file as string).catch((error: NodeJS.ErrnoException) => {
        throw new UsageError(`${file as string}: cannot read the file (${error.code ?? error.message}).`);
      });
      const attachment = await (await context.client()).tickets.attachments.upload(
        id as string,
        { filename: basename(file as string), content_type: options.contentType, body: new Uint8Array(body) },
        { signal: context.signal },
      );
      context.print(attachment, () => `Attached ${basename(file as string)} to ticket ${id as string}.`);
    },
  });
};
