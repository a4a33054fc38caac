// The Worker the workerd scenario calls: createLambdaProxy in front of the simulator from
// lambda-cloud/testing, both from the built package, in this isolate. The proxy holds the
// key (the LAMBDA_API_KEY binding, random per run) and lets through requests that bring the
// PROXY_TOKEN binding, as a browser's dashboard would.
import { fromBinding } from "lambda-cloud";
import { createLambdaProxy, type ProxyHandler } from "lambda-cloud/proxy";
import { createSimulator, type Simulator } from "lambda-cloud/testing";

/** Items per audit-log page, small so the scenario's events span pages. */
export const AUDIT_PAGE_SIZE = 2;

interface RuntimeEnv {
  readonly LAMBDA_API_KEY: string;
  readonly PROXY_TOKEN: string;
}

let simulator: Simulator | undefined;
let proxy: ProxyHandler | undefined;

/** The isolate's simulator, accepting the env's key; made on first use. */
export function simulatorFor(env: RuntimeEnv): Simulator {
  simulator ??= createSimulator({
    apiKeys: [env.LAMBDA_API_KEY],
    clock: "manual",
    bootMs: 60_000,
    pageSize: AUDIT_PAGE_SIZE,
  });
  return simulator;
}

export default {
  fetch(request, env) {
    proxy ??= createLambdaProxy({
      apiKey: (workerEnv) => fromBinding(workerEnv as RuntimeEnv, "LAMBDA_API_KEY"),
      upstream: "https://simulator.invalid/api/v1",
      fetch: simulatorFor(env).fetch,
      allow: "read-write",
      authorize: (incoming, workerEnv) =>
        incoming.headers.get("authorization") === `Bearer ${(workerEnv as RuntimeEnv).PROXY_TOKEN}`,
      log: false,
    });
    return proxy(request, env);
  },
} satisfies ExportedHandler<RuntimeEnv>;
