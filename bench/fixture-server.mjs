// A local, keep-alive HTTP server that answers every request with the same JSON body:
// `{ data: [<count> instances] }`. Run as a child process by the benchmarks, so that it does
// not share the measured process's event loop. Prints its base URL as one line when ready.
//
//   npx node bench/fixture-server.mjs [count=100]
import { createServer } from "node:http";
import { makeInstances } from "./stats.mjs";

const count = Number(process.argv[2] ?? 100);
const body = Buffer.from(JSON.stringify({ data: makeInstances(count) }));
const server = createServer({ keepAlive: true, keepAliveTimeout: 60_000 }, (request, response) => {
  request.resume();
  request.on("end", () => {
    response.writeHead(200, { "content-type": "application/json", "content-length": body.length });
    response.end(body);
  });
});
server.listen(0, "127.0.0.1", () => {
  console.log(`http://127.0.0.1:${server.address().port}/api/v1`);
});
const stop = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
