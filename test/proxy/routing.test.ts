import { describe, expect, it } from "vitest";
import { operationRouteList, operationRoutes } from "../../src/operations.js";
import { allowAll, errorOf, proxyUnderTest, sampleInit, samplePath, UPSTREAM } from "./helpers.js";

const reads = operationRouteList.filter((route) => route.access === "read");
const changes = operationRouteList.filter((route) => route.access !== "read");

describe("routing through the operations table", () => {
  it.each(operationRouteList.map((route) => [route.id, route] as const))(
    "forwards %s when everything is allowed, to the same method and path upstream with the key",
    async (_id, route) => {
      const proxy = proxyUnderTest({ allow: "read-write", authorize: allowAll });
      const response = await proxy.call(`/api/v1${samplePath(route)}`, sampleInit(route));
      expect(response.status).toBe(200);
      expect(proxy.upstream.requests).toHaveLength(1);
      const sent = proxy.upstream.requests[0]!;
      expect(sent.method).toBe(route.method);
      expect(sent.url.href).toBe(`${UPSTREAM}${samplePath(route)}`);
      expect(sent.headers.get("authorization")).toBe(`Bearer ${proxy.key}`);
      expect(sent.body).toEqual(route.hasBody ? { name: "x" } : undefined);
      expect(proxy.logs[0]?.operation).toBe(route.id);
    },
  );

  it("forwards every read operation by default", async () => {
    const proxy = proxyUnderTest();
    for (const route of reads) {
      expect((await proxy.call(`/api/v1${samplePath(route)}`)).status, route.id).toBe(200);
    }
    expect(proxy.upstream.requests).toHaveLength(reads.length);
  });

  it("answers 404 proxy/route-not-allowed to every write and destructive operation when only reads are allowed, sending nothing", async () => {
    const proxy = proxyUnderTest();
    for (const route of changes) {
      const response = await proxy.call(`/api/v1${samplePath(route)}`, sampleInit(route));
      expect(response.status, route.id).toBe(404);
      const error = await errorOf(response);
      expect(error.code).toBe("proxy/route-not-allowed");
      expect(error.message).toBe(`${route.id} is not allowed by this proxy.`);
    }
    expect(proxy.upstream.requests).toHaveLength(0);
  });

  it("forwards exactly the operations of an allow list", async () => {
    const proxy = proxyUnderTest({ allow: ["listInstances", "terminateInstance"], authorize: allowAll });
    const terminate = operationRoutes.terminateInstance;
    expect((await proxy.call("/api/v1/instances")).status).toBe(200);
    expect((await proxy.call(`/api/v1${terminate.path}`, sampleInit(terminate))).status).toBe(200);
    expect((await proxy.call("/api/v1/ssh-keys")).status).toBe(404);
    expect((await proxy.call("/api/v1/instance-operations/launch", { method: "POST", body: "{}" })).status).toBe(404);
    expect(proxy.upstream.requests.map((request) => request.url.pathname)).toEqual([
      "/api/v1/instances",
      "/api/v1/instance-operations/terminate",
    ]);
  });

  it.each([
    ["an instance id that is not 32 lowercase hex characters", "/api/v1/instances/0920582C7FF041399E34823A0BE62549"],
    ["a short id", "/api/v1/instances/abc123"],
    ["a ruleset id that is neither hex nor global", "/api/v1/firewall-rulesets/local"],
    ["an attachment id with a dot", "/api/v1/tickets/0920582c7ff041399e34823a0be62549/attachments/a.b/download"],
    ["an extra trailing slash", "/api/v1/instances/"],
    ["an unknown path", "/api/v1/secrets"],
    ["a path outside the base path", "/instances"],
    ["the base path itself", "/api/v1"],
    ["a prefix of the base path", "/api/v10/instances"],
  ])("answers 404 proxy/route-not-allowed to %s", async (_label, path) => {
    const proxy = proxyUnderTest();
    const response = await proxy.call(path);
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe("proxy/route-not-allowed");
    expect(proxy.upstream.requests).toHaveLength(0);
  });

  it("routes the literal global ruleset and a hex ruleset id to different operations", async () => {
    const proxy = proxyUnderTest();
    await proxy.call("/api/v1/firewall-rulesets/global");
    await proxy.call("/api/v1/firewall-rulesets/c4d291f47f9d436fa39f58493ce3b50d");
    expect(proxy.logs.map((record) => record.operation)).toEqual(["getGlobalFirewallRuleset", "getFirewallRuleset"]);
  });

  it("answers 405 proxy/method-not-allowed with Allow listing the allowed methods of the path", async () => {
    const proxy = proxyUnderTest();
    const response = await proxy.call("/api/v1/instances", { method: "PUT", body: "{}" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET");
    expect((await errorOf(response)).code).toBe("proxy/method-not-allowed");

    const writer = proxyUnderTest({ allow: "read-write", authorize: allowAll });
    const both = await writer.call(`/api/v1/tickets/${"a".repeat(32)}`, { method: "DELETE" });
    expect(both.status).toBe(405);
    expect(both.headers.get("allow")).toBe("GET, PATCH");
    expect(writer.upstream.requests).toHaveLength(0);
  });

  it("answers 405 to HEAD, which no operation uses", async () => {
    const response = await proxyUnderTest().call("/api/v1/instances", { method: "HEAD" });
    expect(response.status).toBe(405);
  });

  it("serves another base path, and an empty one", async () => {
    const nested = proxyUnderTest({ basePath: "/lambda/" });
    expect((await nested.call("/lambda/instances")).status).toBe(200);
    expect((await nested.call("/api/v1/instances")).status).toBe(404);
    const root = proxyUnderTest({ basePath: "/" });
    expect((await root.call("/instances")).status).toBe(200);
    expect(root.upstream.requests[0]?.url.href).toBe(`${UPSTREAM}/instances`);
  });

  it("never takes the upstream from the request: Host, absolute URLs and forwarding headers are ignored", async () => {
    const proxy = proxyUnderTest();
    await proxy.handle(
      new Request("http://evil.example/api/v1/instances", {
        headers: { host: "evil.example", "x-forwarded-host": "evil.example", forwarded: "host=evil.example" },
      }),
    );
    expect(proxy.upstream.requests[0]?.url.href).toBe(`${UPSTREAM}/instances`);
  });
});

describe("query parameters", () => {
  it("forwards the query parameters an operation defines, re-encoded, repeated ones included", async () => {
    const proxy = proxyUnderTest();
    await proxy.call("/api/v1/tickets?status=open&status=pending&page_token=a%2Bb%20c");
    expect(proxy.upstream.requests[0]?.url.search).toBe("?status=open&status=pending&page_token=a%2Bb+c");
    await proxy.call("/api/v1/instances?cluster_id=c1");
    expect(proxy.upstream.requests[1]?.url.search).toBe("?cluster_id=c1");
  });

  it.each([
    [
      "a parameter the operation does not define",
      "/api/v1/instances?cluster_id=a&admin=1",
      "listInstances takes only these query parameters: cluster_id.",
    ],
    [
      "any parameter on an operation without a query",
      "/api/v1/instance-types?x=1",
      "listInstanceTypes takes no query parameters.",
    ],
    ["an empty parameter name", "/api/v1/instance-types?=1", "listInstanceTypes takes no query parameters."],
    [
      "an encoded key that decodes to a defined name plus more",
      "/api/v1/instances?cluster_id%3D1%26admin=1",
      "listInstances takes only these query parameters: cluster_id.",
    ],
  ])("answers 400 proxy/route-not-allowed to %s, naming only the defined ones", async (_label, path, message) => {
    const proxy = proxyUnderTest();
    const response = await proxy.call(path);
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe("proxy/route-not-allowed");
    expect(error.message).toBe(message);
    expect(proxy.upstream.requests).toHaveLength(0);
  });
});
