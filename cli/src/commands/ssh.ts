/** `ssh NAME|ID`: waits for the instance's address and port 22, then runs the system `ssh` (`--print` only prints the command). */
import { defineCommand, type Register } from "../command.ts";
import { parseDuration } from "../durations.ts";
import { CliError, ExitCode, SshExitError } from "../errors.ts";
import { waitForPort } from "../port.ts";
import { findInstance, label } from "../resolve.ts";
import { waitWithProgress } from "../waiting.ts";

interface SshOptions {
  readonly print?: boolean;
  readonly user: string;
  readonly identity?: string;
  readonly timeout: string;
}

export const registerSsh: Register = (program, io) => {
  defineCommand<SshOptions>(program, io, {
    name: "ssh <instance> [ssh-args...]",
    description: "ssh into an instance once it is up (--print: only print the command)",
    examples: ["ssh trainer", "ssh trainer -- nvidia-smi", "ssh trainer --print"],
    options: (command) =>
      command
        .option("--print", "print the ssh command instead of running it (waits for the address, not for port 22)")
        .option("--user <user>", "login user", "ubuntu")
        .option("-i, --identity <file>", "private key file, passed to ssh -i")
        .option("--timeout <duration>", "how long to wait for the instance and port 22", "20m"),
    run: async (context, [ref, ...sshArgs], options) => {
      const client = await context.client();
      const timeoutMs = parseDuration("--timeout", options.timeout);
      const deadline = Date.now() + timeoutMs;
      let instance = await findInstance(client, ref as string, context.signal);
      if (instance.status !== "active" || !instance.ip)
        instance = await waitWithProgress(context, client, instance, "active", timeoutMs, context.progress());
      const ip = instance.ip as string;
      const args = [...(options.identity ? ["-i", options.identity] : []), `${options.user}@${ip}`, ...sshArgs];
      if (options.print) {
        context.print({ instance_id: instance.id, user: options.user, ip, command: ["ssh", ...args] }, () =>
          ["ssh", ...args].map(shellQuote).join(" "),
        );
        return;
      }
      const progress = context.progress();
      progress.event("port", { id: instance.id, ip, port: 22 }, `waiting for ssh on ${ip}:22`);
      const open = await waitForPort(ip, 22, {
        timeoutMs: Math.max(0, deadline - Date.now()),
        signal: context.signal,
      }).catch((error: unknown) => {
        progress.end(`${label(instance)}: stopped waiting for ssh`, false);
        throw error;
      });
      progress.end(open ? `${label(instance)}: ssh is up` : `${label(instance)}: port 22 did not open`, open);
      if (!open)
        throw new CliError(
          "cli/port-closed",
          ExitCode.apiError,
          `Instance ${label(instance)} is active, but port 22 on ${ip} did not open within ${options.timeout}.`,
          { suggestion: "Check its firewall rules: lambda-cloud firewall rulesets list" },
        );
      const code = await context.io.exec("ssh", args);
      if (code !== 0) throw new SshExitError(code);
    },
  });
};

/** Quotes an argument for a POSIX shell when it needs it. */
function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}
