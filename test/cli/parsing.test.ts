// The small parsers and helpers of the CLI: durations, --rule, --tag, waiting for a port.
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { parseDuration } from "../../cli/src/durations.ts";
import { parseRule } from "../../cli/src/firewall-rules.ts";
import { parseTags } from "../../cli/src/launch-options.ts";
import { waitForPort } from "../../cli/src/port.ts";
import { formatElapsed } from "../../cli/src/progress.ts";
import { closedPort } from "../helpers/closed-port";

describe("parseDuration", () => {
  it("reads seconds, units and combinations, and names the flag when it cannot", () => {
    expect(parseDuration("--timeout", "90")).toBe(90_000);
    expect(parseDuration("--timeout", "1h30m")).toBe(5_400_000);
    expect(parseDuration("--timeout", "250ms")).toBe(250);
    expect(() => parseDuration("--timeout", "soon")).toThrow(/--timeout needs a duration/);
  });
});

describe("parseRule", () => {
  it("reads PROTOCOL:PORTS:SOURCE[:DESCRIPTION], keeping colons in the description", () => {
    expect(parseRule("tcp:22:0.0.0.0/0:SSH")).toEqual({
      protocol: "tcp",
      port_range: [22, 22],
      source_network: "0.0.0.0/0",
      description: "SSH",
    });
    expect(parseRule("udp:6000-6010:10.0.0.0/8:a:b")).toEqual({
      protocol: "udp",
      port_range: [6000, 6010],
      source_network: "10.0.0.0/8",
      description: "a:b",
    });
    expect(parseRule("icmp::0.0.0.0/0")).toEqual({ protocol: "icmp", source_network: "0.0.0.0/0", description: "" });
    expect(() => parseRule("tcp:22")).toThrow(/--rule needs PROTOCOL:PORTS:SOURCE/);
  });
});

describe("parseTags", () => {
  it("splits at the first '='", () => {
    expect(parseTags(["team=ml", "expr=a=b"])).toEqual([
      { key: "team", value: "ml" },
      { key: "expr", value: "a=b" },
    ]);
    expect(() => parseTags(["=x"])).toThrow(/key=value/);
  });
});

describe("formatElapsed", () => {
  it("prints minutes and seconds", () => {
    expect(formatElapsed(83_999)).toBe("1:23");
    expect(formatElapsed(0)).toBe("0:00");
  });
});

describe("waitForPort", () => {
  it("resolves true once a port accepts connections, false when the time is up", async () => {
    const server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    try {
      expect(await waitForPort("127.0.0.1", port, { timeoutMs: 5_000, signal: new AbortController().signal })).toBe(
        true,
      );
    } finally {
      server.close();
    }
    expect(
      await waitForPort("127.0.0.1", await closedPort(), { timeoutMs: 0, signal: new AbortController().signal }),
    ).toBe(false);
  });
});
