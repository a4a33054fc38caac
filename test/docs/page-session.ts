// One page's run of its code blocks, as a reader would do it: files saved in a project that has
// the packed lambda-cloud installed (and a copy of examples/, as in a clone), shell blocks run one
// after another in that project, and each server left running until the next server block starts
// (as a reader presses Ctrl+C first) or the page ends. The blocks talk to the simulator bin
// instead of the real API: the page's own (the demo account), or one a block started.
//
// What the test changes in a block before running it, and nothing else:
//   - the placeholder keys `secret_...` and `sim-key` become a random sentinel key, which must
//     never appear in what the block prints;
//   - port 8788 (the simulator's default) becomes the port of the simulator this page uses, and
//     a `lambda-cloud-simulator` started by a block listens on a free port instead;
//   - port 8787 (the examples' servers) becomes a free port, and `wrangler dev` listens on it (its
//     inspector on another free port) and gets the simulator's URL as the var
//     LAMBDA_CLOUD_BASE_URL (a Worker has no environment variables to read it from);
//   - a Deno command with `--allow-net=…cloud.lambda.ai` may reach the simulator instead, and read
//     LAMBDA_CLOUD_BASE_URL (added to its `--allow-env` list).
// Every block also finds LAMBDA_API_KEY (as a reader who followed the quick start has exported it)
// and the base URL of the simulator in LAMBDA_CLOUD_BASE_URL, which the client and the proxy
// examples (examples/*-proxy.ts, for their upstream) read.
import { cp, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../scripts/wrangler-dev";
import { type Server, SIMULATOR_URL, startServer } from "../helpers/server-process";
import { binary, type RunResult, repoRoot, run } from "../runtimes/commands";

const URL_LINE = /https?:\/\/127\.0\.0\.1:(\d+)\S*/;

/**
 * A free port below the ranges systems hand out on their own (Linux from 32768, macOS and
 * Windows from 49152). A page chooses its service port when it starts and a server block binds
 * it minutes later, while other test files run: a port from `listen(0)` may by then be another
 * process's, given to it by the system as it was to us.
 */
async function portNoOneIsGiven(): Promise<number> {
  for (;;) {
    const candidate = 20_000 + Math.floor(Math.random() * 12_000);
    try {
      return await freePort(candidate);
    } catch (error) {
      if (!(error as Error).message.includes("already in use")) throw error; // taken: try another
    }
  }
}

/** Waits until a server that printed its URL answers HTTP there (with any status). */
async function answering(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await (await fetch(url, { signal: AbortSignal.timeout(5_000) })).body?.cancel();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${url} printed but never answered: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** The runs of one page's blocks. */
export class PageSession {
  readonly key = `lc-sentinel-${crypto.randomUUID()}`;
  private readonly servers: Server[] = [];
  /** The simulator the page starts itself before its first run. */
  private ownSimulator: Server | undefined;
  /** The server of the latest `run: server` block, while it runs. */
  private current: { server: Server; isSimulator: boolean } | undefined;
  /** The TypeScript files saved so far, with whether they use Deno's or Bun's globals. */
  private readonly typeScriptFiles: { name: string; runtime: "deno" | "bun" | "node" }[] = [];
  /** What the last `run` block printed, for an `output` block to check. */
  lastOutput: string | undefined;

  private constructor(
    readonly dir: string,
    private readonly denoDir: string,
    /** The free port that stands for 8787 on this page. */
    private readonly servicePort: number,
  ) {}

  /** A session in a fresh folder of the project at `projectDir` (which has lambda-cloud installed). */
  static async create(projectDir: string, page: string): Promise<PageSession> {
    const dir = join(projectDir, page.replace(/[^\w]+/g, "-"));
    await mkdir(dir);
    await cp(join(repoRoot, "examples"), join(dir, "examples"), {
      recursive: true,
      filter: (source) => !source.includes(`${join("examples", "worker")}`),
    });
    return new PageSession(dir, await mkdtemp(join(tmpdir(), "lambda-cloud-docs-deno-")), await portNoOneIsGiven());
  }

  private get simulator(): Server | undefined {
    return this.current?.isSimulator ? this.current.server : this.ownSimulator;
  }

  private environment(): Record<string, string> {
    const url = this.simulator?.url ?? "";
    return {
      PATH: [
        join(this.dir, "..", "node_modules", ".bin"),
        join(repoRoot, "node_modules", ".bin"),
        process.env.PATH ?? "",
      ].join(":"),
      HOME: process.env.HOME ?? tmpdir(),
      NO_COLOR: "1",
      DO_NOT_TRACK: "1",
      DENO_DIR: this.denoDir,
      DENO_NO_UPDATE_CHECK: "1",
      npm_config_update_notifier: "false",
      LAMBDA_API_KEY: this.key,
      LAMBDA_CLOUD_BASE_URL: url,
      WRANGLER_SEND_METRICS: "false",
      CLOUDFLARE_CF_FETCH_ENABLED: "false",
    };
  }

  /** The block's text with the keys, ports and hosts changed as the header of this file lists. */
  rewrite(text: string): string {
    const simulatorPort = this.simulator ? new URL(this.simulator.url).port : "8788";
    const towardsSimulator = (line: string) =>
      /--allow-net=\S*cloud\.lambda\.ai/.test(line)
        ? line.replace(/--allow-env=(?!\S*LAMBDA_CLOUD_BASE_URL)(\S+)/, "--allow-env=$1,LAMBDA_CLOUD_BASE_URL")
        : line;
    return text
      .split("\n")
      .map(towardsSimulator)
      .join("\n")
      .replaceAll("secret_...", this.key)
      .replace(/\bsim-key\b/g, this.key)
      .replace(/(--allow-net=\S*?)cloud\.lambda\.ai/g, `$1127.0.0.1:${simulatorPort}`)
      .replace(/\b8788\b/g, simulatorPort)
      .replace(/\b8787\b/g, String(this.servicePort));
  }

  /** Starts the page's own simulator bin (the demo account) unless a block already started one. */
  private async ensureSimulator(): Promise<void> {
    if (this.ownSimulator) return;
    const bin = join(this.dir, "..", "node_modules", ".bin", "lambda-cloud-simulator");
    this.ownSimulator = await startServer(
      `"${binary("node")}" "${bin}" --port 0 --key "${this.key}" --boot-ms 0`,
      this.dir,
      this.environment(),
      SIMULATOR_URL,
    );
    this.servers.push(this.ownSimulator);
  }

  /** Saves a `file:` block. */
  async saveFile(name: string, content: string): Promise<void> {
    await writeFile(join(this.dir, name), this.rewrite(content));
    if (name.endsWith(".ts"))
      this.typeScriptFiles.push({
        name,
        runtime: /\bDeno\./.test(content) ? "deno" : /\bBun\./.test(content) ? "bun" : "node",
      });
  }

  /**
   * Type-checks the saved TypeScript files as a reader's editor would: `deno check` for those
   * that use Deno's globals, `tsc` (strict, Node's types) for the others. Files that use Bun's
   * globals are left out: Bun's types are not installed.
   */
  async typeCheck(): Promise<RunResult[]> {
    const results: RunResult[] = [];
    const forNode = this.typeScriptFiles.filter((file) => file.runtime === "node").map((file) => file.name);
    const forDeno = this.typeScriptFiles.filter((file) => file.runtime === "deno").map((file) => file.name);
    if (forNode.length > 0) {
      const compilerOptions = {
        strict: true,
        target: "es2022",
        module: "nodenext",
        noEmit: true,
        allowImportingTsExtensions: true,
        skipLibCheck: true,
        types: ["node"],
        typeRoots: [join(repoRoot, "node_modules", "@types")],
      };
      await writeFile(join(this.dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: forNode }));
      results.push(await run({ file: binary("tsc"), args: ["-p", "tsconfig.json"] }, [], { cwd: this.dir }));
    }
    if (forDeno.length > 0) {
      results.push(
        await run({ file: binary("deno"), args: ["check", "--no-remote", "--no-lock"] }, forDeno, {
          cwd: this.dir,
          env: { DENO_DIR: this.denoDir, DENO_NO_UPDATE_CHECK: "1" },
        }),
      );
    }
    return results;
  }

  /** Runs a `run` block's commands to their end. */
  async run(content: string): Promise<RunResult> {
    await this.ensureSimulator();
    const result = await run({ file: "bash", args: ["-euo", "pipefail", "-c"] }, [this.rewrite(content)], {
      cwd: this.dir,
      env: this.environment(),
      timeoutMs: 90_000,
    });
    this.lastOutput = result.stdout + result.stderr;
    return result;
  }

  /**
   * Stops the previous server block's process, starts this one and waits for its URL. A
   * `lambda-cloud-simulator` listens on a free port and becomes the simulator of the blocks after it.
   */
  async serve(content: string): Promise<Server> {
    await this.ensureSimulator();
    await this.current?.server.stop();
    this.current = undefined;
    const startsSimulator = /\blambda-cloud-simulator\b/.test(content);
    let script = this.rewrite(content);
    if (startsSimulator)
      script = script
        .replace(/--port \d+/, "--port 0")
        .replace(/\blambda-cloud-simulator\b(?!.*--port)/, "lambda-cloud-simulator --port 0");
    const wranglerFlags = `--ip 127.0.0.1 --port ${this.servicePort} --inspector-port ${await portNoOneIsGiven()} --show-interactive-dev-session=false --var LAMBDA_CLOUD_BASE_URL:${this.simulator?.url}`;
    script = script.replace(/\bwrangler dev\b/, `wrangler dev ${wranglerFlags}`);
    const server = await startServer(script, this.dir, this.environment(), startsSimulator ? SIMULATOR_URL : URL_LINE);
    this.servers.push(server);
    await answering(server.url);
    this.current = { server, isSimulator: startsSimulator };
    return server;
  }

  /** Everything every process of the page printed. */
  output(): string {
    return this.servers.map((server) => server.output()).join("\n");
  }

  /** What the page's servers wrote to stderr, but their URLs. */
  unexpectedErrors(): string[] {
    return this.servers.flatMap((server) => server.unexpectedErrors());
  }

  /** Stops every server the page started, the newest first. */
  async close(): Promise<void> {
    for (const server of this.servers.reverse()) await server.stop();
  }
}
