// The front door of the across-isolates test: `/a/...` goes to front Worker A, `/b/...` to
// front Worker B (service bindings), with the prefix removed. Only the first Worker of a
// `wrangler dev -c … -c …` session listens on a port, so this one routes to the two fronts.
interface Front {
  fetch(request: Request): Promise<Response>;
}
interface Env {
  readonly FRONT_A: Front;
  readonly FRONT_B: Front;
}

export default {
  fetch(request: Request, env: Env): Promise<Response> | Response {
    const url = new URL(request.url);
    const [, prefix, ...rest] = url.pathname.split("/");
    const front = prefix === "a" ? env.FRONT_A : prefix === "b" ? env.FRONT_B : undefined;
    if (!front) return new Response("Use /a/… or /b/…", { status: 404 });
    url.pathname = `/${rest.join("/")}`;
    return front.fetch(new Request(url, request));
  },
};
