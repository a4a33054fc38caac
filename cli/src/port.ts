/** Waiting for a TCP port to accept connections (port 22 once an instance is active: sshd starts a little after). */
import { connect } from "node:net";
import { sleep } from "./sleep.ts";

/** Resolves whether one connection to `host:port` opened within `timeoutMs`. */
export function canConnect(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.once("connect", () => done(true));
    socket.once("timeout", () => done(false));
    socket.once("error", () => done(false));
  });
}

/**
 * Tries to connect every `intervalMs` until the port opens.
 * @returns false when `timeoutMs` passed first; rejects with the signal's reason on abort.
 */
export async function waitForPort(
  host: string,
  port: number,
  options: { timeoutMs: number; intervalMs?: number; signal: AbortSignal },
): Promise<boolean> {
  const { timeoutMs, intervalMs = 2_000, signal } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await canConnect(host, port, Math.min(5_000, Math.max(1, deadline - Date.now())))) return true;
    if (Date.now() >= deadline) return false;
    await sleep(Math.min(intervalMs, deadline - Date.now()), signal);
  }
}
