// The outside world of the workerd tests, answering in Node every fetch() made inside workerd:
//
//   https://upstream.test/api/v1/...      a small fake Lambda Cloud API; it records each request
//                                         (method, path, headers, body) for the tests to read
//   https://upstream.test/__received      the recorded requests, oldest first; clears the record
//   .../instances/<ECHO_INSTANCE_ID>      a hostile upstream error: 500 echoing every request
//                                         header in the body and back as response headers
//   .../images                            a hostile error streamed in 3-byte chunks, echoing the
//                                         Authorization header split across chunks
//   https://<ACCESS_TEAM_DOMAIN>/cdn-cgi/access/certs
//                                         the Access team's JWKS, as registered by the tests with
//                                         PUT https://<ACCESS_TEAM_DOMAIN>/__jwks
// Anything else answers 502, so a test can tell if the Worker tried to reach elsewhere.

/** The Access team domain the tests configure. */
export const ACCESS_TEAM_DOMAIN = "sample-team.cloudflareaccess.com";
/** The Access user on ACCESS_WRITER_EMAILS, and the email of an Access JWT unless a test says otherwise. */
export const WRITER_EMAIL = "ops@example.com";
/** The Access group on ACCESS_WRITER_GROUPS. */
export const WRITER_GROUP = "gpu-operators";
/** An instance id whose GET makes the fake upstream echo the request's headers. */
export const ECHO_INSTANCE_ID = "ec40ec40ec40ec40ec40ec40ec40ec40";

interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

let received: Received[] = [];
let jwks = { keys: [] as unknown[] };

const json = (value: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(value), { status, headers: { "content-type": "application/json", ...headers } });

function chunked(text: string, size: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

async function fakeApi(request: Request, path: string): Promise<Response> {
  const headers = Object.fromEntries(request.headers);
  received.push({ method: request.method, path, headers, body: await request.text() });
  const route = `${request.method} ${path}`;
  if (route === `GET /api/v1/instances/${ECHO_INSTANCE_ID}`) {
    return json({ error: { code: "global/internal-error", message: `Echo: ${JSON.stringify(headers)}` } }, 500, {
      "x-echo-authorization": headers.authorization ?? "",
      "www-authenticate": `Bearer realm="${headers.authorization ?? ""}"`,
      "set-cookie": `session=${headers.authorization ?? ""}`,
    });
  }
  if (route === "GET /api/v1/images") {
    const body = JSON.stringify({
      error: { code: "global/invalid-parameters", message: `You sent ${headers.authorization}` },
    });
    return new Response(chunked(body, 3), { status: 400, headers: { "content-type": "application/json" } });
  }
  if (route === "GET /api/v1/instances") return json({ data: [] });
  if (route === "GET /api/v1/ssh-keys") return json({ data: [] });
  if (route === "GET /api/v1/instance-types") return json({ data: {} });
  if (route === "POST /api/v1/instance-operations/launch")
    return json({ data: { instance_ids: ["0123456789abcdef0123456789abcdef"] } });
  if (route === "POST /api/v1/instance-operations/terminate") return json({ data: { terminated_instances: [] } });
  return json({ error: { code: "global/object-does-not-exist", message: `The fake upstream has no ${route}.` } }, 404);
}

/** The outbound service: routes by host as described at the top of this file. */
export async function outbound(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.hostname === "upstream.test") {
    if (url.pathname === "/__received") {
      const answer = json(received);
      received = [];
      return answer;
    }
    return fakeApi(request, url.pathname);
  }
  if (url.hostname === ACCESS_TEAM_DOMAIN) {
    if (url.pathname === "/__jwks" && request.method === "PUT") {
      jwks = (await request.json()) as typeof jwks;
      return new Response(null, { status: 204 });
    }
    if (url.pathname === "/cdn-cgi/access/certs") return json(jwks);
  }
  return new Response(`The workerd tests may not reach ${url.host}.`, { status: 502 });
}
