// The dashboard's server-sent events reader (examples/worker/dashboard/server-sent-events.ts):
// events split across chunks anywhere (even inside a UTF-8 character), CRLF and CR line ends,
// multi-line data, comments, the default event name, and a final event without its blank line
// (dropped, as the format says).
import { describe, expect, it } from "vitest";
import { readServerSentEvents, type ServerSentEvent } from "../../examples/worker/dashboard/server-sent-events";

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

async function read(chunks: Uint8Array[]): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of readServerSentEvents(streamOf(chunks))) events.push(event);
  return events;
}

const text =
  ': comment\r\nevent: instances\r\ndata: {"a":\ndata: "é"}\r\n\r\ndata: plain\rdata:no space\r\rid: 3\n\nevent: unfinished\ndata: lost';
const expected: ServerSentEvent[] = [
  { event: "instances", data: '{"a":\n"é"}' },
  { event: "message", data: "plain\nno space" },
];

describe("readServerSentEvents", () => {
  it("parses a stream that arrives in one piece", async () => {
    expect(await read([new TextEncoder().encode(text)])).toEqual(expected);
  });

  it("parses the same stream split at every byte", async () => {
    const bytes = new TextEncoder().encode(text);
    expect(await read([...bytes].map((byte) => Uint8Array.of(byte)))).toEqual(expected);
  });
});
