// Starts bench/fixture-server.mjs in a child process (with the tests' process helper) and
// resolves with its base URL and a stop().
import { node24, startProcess } from "../test/runtimes/commands.ts";

export async function startFixtureServer(count = 100) {
  const server = await startProcess(
    node24(),
    ["bench/fixture-server.mjs", String(count)],
    /^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/,
  );
  return { baseUrl: server.readyLine, stop: server.stop };
}
