import { describe, expect, it } from "vitest";
import { createMemoryGateway } from "../../src/proxy/index.js";
import { allowAll, errorOf, proxyUnderTest, UPSTREAM } from "./helpers.js";

const LAUNCH = "/api/v1/instance-operations/launch";
const post = (body: BodyInit, contentType = "application/json"): RequestInit => ({
  method: "POST",
  body,
  headers: { "content-type": contentType },
});

describe("request bodies: the proxy forwards only JSON objects", () => {
  const writer = () => proxyUnderTest({ allow: "read-write", authorize: allowAll });

  it.each([
    ["a form", post("a=b", "application/x-www-form-urlencoded"), "request body is not JSON"],
    ["malformed JSON", post('{"region_name": "us-west-1"'), "request body is not JSON"],
    ["a JSON array", post('[{"region_name": "us-west-1"}]'), "request body is a JSON array"],
    ["a JSON string", post('"us-west-1"'), "request body is a JSON string"],
    ["JSON null", post("null"), "request body is a JSON null"],
    [
      "bytes that are not UTF-8",
      post(new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])),
      "request body is not UTF-8",
    ],
  ])("refuses %s with 400 proxy/invalid-body and sends nothing upstream", async (_what, init, detail) => {
    const proxy = writer();
    const response = await proxy.call(LAUNCH, init);
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe("proxy/invalid-body");
    expect(error.message).toBe("The request body is not a JSON object, which every operation of the API takes.");
    expect(error.suggestion).toContain("Content-Type: application/json");
    expect(proxy.upstream.requests).toHaveLength(0);
    expect(proxy.logs[0]).toMatchObject({ status: 400, code: "proxy/invalid-body", detail });
  });

  it("forwards a JSON object sent as text/plain (fetch's default for a string) byte for byte, as application/json", async () => {
    const proxy = writer();
    const text = '{ "name": "laptop" }';
    const response = await proxy.call("/api/v1/ssh-keys", { method: "POST", body: text });
    expect(response.status).toBe(200);
    const sent = proxy.upstream.requests[0]!;
    expect(sent.headers.get("content-type")).toBe("application/json");
    expect(sent.body).toEqual({ name: "laptop" });
  });

  it("refuses a body that is not a JSON object before the gateway spends a launch slot on it", async () => {
    const sentByGateway: string[] = [];
    const gateway = createMemoryGateway({
      upstream: UPSTREAM,
      fetch: async (input) => {
        sentByGateway.push(String(input));
        return Response.json({ data: { instance_ids: ["0920582c7ff041399e34823a0be62549"] } });
      },
    });
    const proxy = proxyUnderTest({ allow: "read-write", authorize: allowAll, gateway });
    const refused = await proxy.call(LAUNCH, post("a=b", "application/x-www-form-urlencoded"));
    expect(refused.status).toBe(400);
    expect((await errorOf(refused)).code).toBe("proxy/invalid-body");
    expect(sentByGateway).toEqual([]);
    const launch = { region_name: "us-west-1", instance_type_name: "gpu_1x_a10", ssh_key_names: ["laptop"] };
    expect((await proxy.call(LAUNCH, post(JSON.stringify(launch)))).status).toBe(200);
    expect(sentByGateway).toEqual([`${UPSTREAM}/instance-operations/launch`]);
  });
});
