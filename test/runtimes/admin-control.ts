/**
 * The scenario's simulator levers over the simulator's control API (a simulator created with
 * `admin: true`, or `lambda-cloud-simulator --admin`), for scenario runs in another process.
 */
import { ADMIN_PREFIX } from "lambda-cloud/testing";
import type { SimulatorControl } from "./scenario.ts";

/** Sends one JSON POST and resolves when it succeeded. */
export type PostJson = (url: URL, body: unknown) => Promise<void>;

/** POST with the runtime's own fetch. */
export const postWithFetch: PostJson = async (url, body) => {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(
      `the simulator's control API answered ${response.status} to ${url.pathname}: ${await response.text()}`,
    );
  await response.body?.cancel();
};

/** The levers of the simulator whose API lives at `baseUrl` (its control API is at the same origin). */
export function adminControl(baseUrl: string, post: PostJson = postWithFetch): SimulatorControl {
  const route = (path: string) => new URL(`${ADMIN_PREFIX}${path}`, baseUrl);
  return {
    setCapacity: (instance_type_name, region_name, units) =>
      post(route("capacity"), { instance_type_name, region_name, units }),
    advance: (ms) => post(route("clock/advance"), { ms }),
  };
}
