// The hostile-upstream battery's proxy in workerd, run by `wrangler dev` from
// test/proxy/hostile-battery.test.ts: the key is the LAMBDA_API_KEY secret, and each request names
// its hostile upstream (a real node:http server on 127.0.0.1) in x-battery-upstream. Test only.
import { batteryProxy } from "../dispatch";

interface BatteryEnv {
  readonly LAMBDA_API_KEY: string;
}

let proxy: ReturnType<typeof batteryProxy> | undefined;

export default {
  fetch(request: Request, env: BatteryEnv, ctx: unknown): Promise<Response> {
    proxy ??= batteryProxy(env.LAMBDA_API_KEY);
    return proxy(request, env, ctx);
  },
};
