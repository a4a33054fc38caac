/** `completion bash|zsh|fish`: prints a completion script for the shell. */
import { Argument } from "commander";
import { defineCommand, type Register } from "../command.ts";
import { completionScript, SHELLS, type Shell } from "../completion.ts";

export const registerCompletion: Register = (program, io) => {
  const command = defineCommand(program, io, {
    name: "completion",
    description: "print a shell completion script (bash, zsh or fish)",
    examples: [
      "completion bash >> ~/.bashrc",
      "completion zsh > ~/.zfunc/_lambda-cloud",
      "completion fish > ~/.config/fish/completions/lambda-cloud.fish",
    ],
    run: async (context, [shell]) => {
      context.io.stdout.write(completionScript(program, shell as Shell));
    },
  });
  command.addArgument(new Argument("<shell>", "the shell").choices(SHELLS));
};
