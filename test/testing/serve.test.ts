import { build } from "esbuild";
import { afterEach, describe, expect, it } from "vitest";
import { LambdaCloudClient } from "../../src/index";
import { operations } from "../../src/operation-schemas";
import { parseBinArgs } from "../../src/testing/bin-options";
import { createSimulator, type ServedSimulator, serve } from "../../src/testing/index";
import { repoRoot } from "../auth/runtime-process";
import { sendRaw } from "../proxy/node-server";
import { launchable } from "./helpers";

/** Polls `condition` until it holds (the simulator's delay runs on real timers). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

let server: ServedSimulator | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("serve() in Node", () => {
  it("serves the simulator on 127.0.0.1 at a free port, and the client works over HTTP", async () => {
    const key = `lc-sentinel-${crypto.randomUUID()}`;
    const sim = createSimulator({ apiKeys: [key] });
    server = await serve(sim);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/api/v1`);
    const client = new LambdaCloudClient({ apiKey: key, baseUrl: server.url, rateLimit: false });
    expect((await client.regions.list()).length).toBeGreaterThan(0);
  });

  it("a reset fault destroys the socket, so the HTTP fetch rejects", async () => {
    const sim = createSimulator({ apiKeys: ["k"] });
    server = await serve(sim);
    sim.faults.add({ kind: "reset" });
    await expect(fetch(`${server.url}/regions`, { headers: { authorization: "Bearer k" } })).rejects.toBeInstanceOf(
      TypeError,
    );
    expect((await fetch(`${server.url}/regions`, { headers: { authorization: "Bearer k" } })).status).toBe(200);
  });

  it("upload URLs point at the served origin", async () => {
    const sim = createSimulator({ apiKeys: ["k"] });
    server = await serve(sim);
    const client = new LambdaCloudClient({ apiKey: "k", baseUrl: server.url, rateLimit: false });
    const ticket = await client.tickets.create({ subject: "s", description: "d", type: "service_request" });
    const target = await client.tickets.attachments.create(ticket.id, {
      filename: "a",
      content_type: "text/plain",
      size_bytes: 1,
    });
    expect(target.upload_url.startsWith(`${server.origin}/__uploads/`)).toBe(true);
    expect(
      await client.tickets.attachments.upload(ticket.id, { filename: "b", content_type: "text/plain", body: "b" }),
    ).toMatchObject({ upload_status: "uploaded" });
  });

  it("answers 400 to TRACE, which fetch's Request refuses, and keeps serving", async () => {
    const sim = createSimulator({ apiKeys: ["k"] });
    server = await serve(sim);
    const refused = await sendRaw(
      server.port,
      "TRACE /api/v1/regions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer k",
    );
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: "global/invalid-parameters" } });
    expect((await fetch(`${server.url}/regions`, { headers: { authorization: "Bearer k" } })).status).toBe(200);
  });

  it("answers 421 to a DNS-rebinding Host with a matching Origin, and serves a configured host name", async () => {
    const sim = createSimulator({ apiKeys: ["k"] });
    server = await serve(sim, { hosts: ["sim.internal"] });
    const host = `rebind.attacker.example:${server.port}`;
    const rebound = await sendRaw(
      server.port,
      `GET /api/v1/regions HTTP/1.1\r\nHost: ${host}\r\nOrigin: http://${host}\r\nAuthorization: Bearer k`,
    );
    expect(rebound.status).toBe(421);
    expect(JSON.parse(rebound.body)).toMatchObject({ error: { code: "proxy/host-not-allowed" } });
    const named = await sendRaw(
      server.port,
      `GET /api/v1/regions HTTP/1.1\r\nHost: sim.internal:${server.port}\r\nAuthorization: Bearer k`,
    );
    expect(named.status).toBe(200);
  });

  it("names the listening address in URLs it builds for a request without a Host header (HTTP/1.0)", async () => {
    const sim = createSimulator({ apiKeys: ["k"] });
    server = await serve(sim);
    const ticket = await new LambdaCloudClient({ apiKey: "k", baseUrl: server.url, rateLimit: false }).tickets.create({
      subject: "s",
      description: "d",
      type: "service_request",
    });
    const body = JSON.stringify({ filename: "a", content_type: "text/plain", size_bytes: 1 });
    const answer = await sendRaw(
      server.port,
      `POST /api/v1/tickets/${ticket.id}/attachments HTTP/1.0\r\nAuthorization: Bearer k\r\nContent-Type: application/json\r\nContent-Length: ${body.length}`,
      body,
    );
    expect(JSON.parse(answer.body)).toMatchObject({
      data: { upload_url: expect.stringMatching(new RegExp(`^${server.origin}/__uploads/`)) },
    });
  });

  it("performs a launch whose client disconnected during an injected delay, as the API would", async () => {
    const sim = createSimulator({ apiKeys: ["k"] });
    server = await serve(sim);
    const launch = launchable(sim);
    sim.faults.add({ kind: "delay", ms: 1_000, method: "POST", path: operations.launchInstance.path });
    const controller = new AbortController();
    const sent = fetch(`${server.url}/instance-operations/launch`, {
      method: "POST",
      headers: { authorization: "Bearer k", "content-type": "application/json" },
      body: JSON.stringify(launch),
      signal: controller.signal,
    }).catch((error: unknown) => error);
    await until(() => sim.faults.list().length === 0); // the request reached the delay
    controller.abort();
    expect(await sent).toBeInstanceOf(Error);
    await until(() => sim.state.instances().length === 1);
  });

  it("close() stops listening", async () => {
    const sim = createSimulator();
    const served = await serve(sim);
    await served.close();
    await expect(fetch(`${served.url}/regions`)).rejects.toBeInstanceOf(TypeError);
  });
});

describe("lambda-cloud/testing in bundles for Workers and browsers", () => {
  it("bundles for the browser platform with no node: import", async () => {
    const result = await build({
      entryPoints: [`${repoRoot}/src/testing/index.ts`],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
    });
    const code = result.outputFiles.map((file) => file.text).join("\n");
    expect(code).not.toMatch(/(from|import\(|require\()\s*["']node:/);
    expect(code).toContain("getBuiltinModule");
  });
});

describe("bin flags", () => {
  it("parses every flag, with repeatable keys", () => {
    expect(
      parseBinArgs([
        "--port",
        "9000",
        "--key",
        "a",
        "--key",
        "b",
        "--seed",
        "3",
        "--boot-ms",
        "500",
        "--rate-limit",
        "--admin",
      ]),
    ).toEqual({
      port: 9000,
      account: "demo",
      help: false,
      simulator: { apiKeys: ["a", "b"], seed: 3, bootMs: 500, rateLimit: true, admin: true },
    });
  });

  it("starts with the demo account unless --empty or --fixture FILE says otherwise", () => {
    expect(parseBinArgs(["--empty"]).account).toBe("empty");
    expect(parseBinArgs(["--fixture", "account.json"]).account).toEqual({ file: "account.json" });
    expect(() => parseBinArgs(["--empty", "--fixture", "account.json"])).toThrow(
      /--fixture cannot be combined with --empty/,
    );
    expect(() => parseBinArgs(["--fixture"])).toThrow(/--fixture needs the path of a JSON file/);
  });

  it("defaults to port 8788 and the simulator's defaults", () => {
    expect(parseBinArgs([])).toEqual({ port: 8788, account: "demo", help: false, simulator: {} });
  });

  it("names the flag that is unknown or lacks a valid value", () => {
    expect(() => parseBinArgs(["--port"])).toThrow(/--port needs a whole number/);
    expect(() => parseBinArgs(["--port", "70000"])).toThrow(/at most 65535/);
    expect(() => parseBinArgs(["--key", "--admin"])).toThrow(/--key needs an API key/);
    expect(() => parseBinArgs(["--verbose"])).toThrow(/Unknown option "--verbose"/);
  });
});
