#!/usr/bin/env node
/** `lambda-cloud`: the CLI's entry point under Node, Deno and Bun. */
import { processIo } from "./io.ts";
import { runCli } from "./main.ts";

const code = await runCli(process.argv.slice(2), processIo());
// Exit now: an unfinished spinner timer or keep-alive socket must not hold the process open.
process.exit(code);
