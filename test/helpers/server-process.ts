// Starts a server as a shell command in its own process group, waits for the URL it prints, and
// stops the whole group, as Ctrl+C in a terminal does: `npx` does not pass SIGTERM on to the bin
// it runs, so signalling only the child would leave the server running.
import { type ChildProcess, spawn } from "node:child_process";

/** A server started by {@link startServer}. */
export interface Server {
  /** The URL it printed (the first match of `ready`). */
  readonly url: string;
  /** Everything it printed so far, on stdout and stderr. */
  output(): string;
  /** The lines it wrote to stderr, but the one announcing its URL: a runtime's warnings, say. */
  unexpectedErrors(): string[];
  /** Sends SIGINT to its process group (SIGKILL after 5 s) and waits for it to exit. */
  stop(): Promise<void>;
}

/** The line `lambda-cloud-simulator` prints when it is ready: its base URL. */
export const SIMULATOR_URL = /^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/m;

/** Runs `bash -c script` in its own process group, and resolves once it prints text matching `ready`. */
export function startServer(script: string, cwd: string, env: Record<string, string>, ready: RegExp): Promise<Server> {
  const child: ChildProcess = spawn("bash", ["-euo", "pipefail", "-c", script], {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let printed = "";
  let stderr = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), signal);
    } catch {
      // The group has already exited.
    }
  };
  const stop = async () => {
    signalGroup("SIGINT");
    const timer = setTimeout(() => signalGroup("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    let url: string | undefined;
    const timer = setTimeout(
      () => void stop().then(() => reject(new Error(`printed no URL within 30 s:\n${printed}`))),
      30_000,
    );
    const collect = (toStderr: boolean) => (chunk: Buffer) => {
      printed += chunk.toString();
      if (toStderr) stderr += chunk.toString();
      if (url !== undefined) return;
      // Deno's server announces itself on stderr, so the URL is looked for in both streams.
      url = ready.exec(printed)?.[0];
      if (url === undefined) return;
      clearTimeout(timer);
      resolve({
        url,
        output: () => printed,
        unexpectedErrors: () =>
          stderr.split("\n").filter((line) => line.trim() !== "" && !line.includes(url as string)),
        stop,
      });
    };
    child.stdout?.on("data", collect(false));
    child.stderr?.on("data", collect(true));
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`exited before printing its URL:\n${printed}`));
    });
  });
}
