// The one path of the spec (test/fixtures/openapi.json) that bench/per-call.mjs asks openapi-fetch
// for, written by hand in the shape openapi-typescript generates, so the peer runs as its users
// run it: `createClient<paths>()` and `GET("/api/v1/instances")`.
import type { Instance } from "lambda-cloud";

export interface paths {
  "/api/v1/instances": {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: {
      parameters: { query?: { cluster_id?: string }; header?: never; path?: never; cookie?: never };
      requestBody?: never;
      responses: {
        200: { headers: { [name: string]: unknown }; content: { "application/json": { data: Instance[] } } };
      };
    };
  };
}
