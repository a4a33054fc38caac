// Runs the CLI in-process against the simulator: runCli with an io whose streams are recorded,
// whose client talks to sim.fetch (no rate limit, so tests take no time), and whose key is a random
// sentinel that every run checks is printed nowhere.
import { PassThrough, Writable } from "node:stream";
import { createSimulator, DEMO_ACCOUNT, type Simulator, type SimulatorOptions } from "lambda-cloud/testing";
import { expect } from "vitest";
import type { CliIo, OutputStream } from "../../cli/src/io.ts";
import { runCli } from "../../cli/src/main.ts";

/** The base URL the in-process client uses; sim.fetch answers it. */
export const SIM_BASE_URL = "http://simulator.test/api/v1";

/** A stream that records what is written to it. */
export class RecordingStream extends Writable implements OutputStream {
  text = "";
  readonly isTTY: boolean;
  readonly columns = 120;
  readonly #onText: ((text: string) => void) | undefined;
  constructor(isTTY: boolean, onText?: (text: string) => void) {
    super({ decodeStrings: false });
    this.isTTY = isTTY;
    this.#onText = onText;
  }
  override _write(chunk: string | Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    this.#onText?.(this.text);
    done();
  }
  // What yocto-spinner calls on a terminal.
  cursorTo(): boolean {
    return true;
  }
  clearLine(): boolean {
    return true;
  }
  moveCursor(): boolean {
    return true;
  }
}

/** What one run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as JSON (for --json runs). */
  json<T = unknown>(): T;
  /** The error report on stderr (for failing runs off a terminal or with --json). */
  error(): Record<string, unknown>;
  /** stderr's JSON progress lines. */
  events(): Record<string, unknown>[];
}

/** How to run: a terminal or not, extra environment, typed input, an interrupt, the ssh stand-in. */
export interface RunOptions {
  readonly tty?: boolean;
  readonly env?: Record<string, string | undefined>;
  /** Lines typed at the terminal (answers to confirmations). */
  readonly input?: string;
  readonly interrupt?: AbortSignal;
  readonly exec?: CliIo["exec"];
  /** Called with everything on stderr so far after each write (e.g. to press Ctrl+C at a given event). */
  readonly onStderr?: (text: string) => void;
}

/** A simulator with the demo account (one SSH key, three active instances), instant boots, and a sentinel key. */
export function cliSimulator(options: SimulatorOptions = {}): {
  sim: Simulator;
  key: string;
  run(argv: readonly string[], runOptions?: RunOptions): Promise<CliRun>;
} {
  const key = `lc-sentinel-${crypto.randomUUID()}`;
  const sim = createSimulator({ apiKeys: [key], account: DEMO_ACCOUNT, bootMs: 0, seed: 3, ...options });
  return {
    sim,
    key,
    run: async (argv, runOptions = {}) => {
      const result = await runIn(
        argv,
        { ...runOptions, env: { LAMBDA_API_KEY: key, LAMBDA_CLOUD_BASE_URL: SIM_BASE_URL, ...runOptions.env } },
        sim.fetch,
      );
      expect(result.stdout.includes(key) || result.stderr.includes(key), "the API key was printed").toBe(false);
      return result;
    },
  };
}

/** Runs the CLI once with `argv`. */
export async function runIn(
  argv: readonly string[],
  options: RunOptions,
  fetch: typeof globalThis.fetch,
): Promise<CliRun> {
  const tty = options.tty ?? false;
  const stdout = new RecordingStream(tty);
  const stderr = new RecordingStream(tty, options.onStderr);
  const stdin = Object.assign(new PassThrough(), { isTTY: tty });
  if (options.input !== undefined) stdin.end(options.input);
  const io: CliIo = {
    env: { NO_COLOR: "1", ...options.env },
    stdout,
    stderr,
    stdin,
    interrupt: options.interrupt ?? new AbortController().signal,
    exec: options.exec ?? (() => Promise.reject(new Error("this test runs no program"))),
    clientOptions: { fetch, rateLimit: false },
  };
  const code = await runCli(argv, io);
  return {
    code,
    stdout: stdout.text,
    stderr: stderr.text,
    json: <T>() => JSON.parse(stdout.text) as T,
    error: () =>
      (JSON.parse(stderr.text.trim().split("\n").at(-1) as string) as { error: Record<string, unknown> }).error,
    events: () =>
      stderr.text
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
