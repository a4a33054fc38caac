// A real HTTP server on 127.0.0.1 that is the happy-dom page's own origin, so that the
// dashboard's same-origin requests (happy-dom's fetch enforces CORS) reach it as in a browser.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Window as HappyDOMWindow } from "happy-dom";

/** A running server; `close()` ends open connections too. */
export interface PageOrigin {
  close(): Promise<void>;
}

/** Serves `handler` on a free port of 127.0.0.1 and makes it the page's URL. */
export async function servePageOrigin(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<PageOrigin> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  (window as unknown as HappyDOMWindow).happyDOM.setURL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  return {
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
