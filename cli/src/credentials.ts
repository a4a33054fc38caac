/**
 * Where the CLI finds the API key: `LAMBDA_API_KEY`, or the file named by `LAMBDA_API_KEY_FILE`.
 * Never a flag: a command line is visible to every user of the machine (`ps`).
 */
import { readFile } from "node:fs/promises";
import { UsageError } from "./errors.ts";

/** The variable holding the key. */
export const KEY_VARIABLE = "LAMBDA_API_KEY";
/** The variable naming a file that holds the key (e.g. a mounted secret). */
export const KEY_FILE_VARIABLE = "LAMBDA_API_KEY_FILE";

/**
 * Reads the key from the environment, or from the file it names (surrounding whitespace trimmed).
 * @throws {UsageError} when neither is set, both are, or the file cannot be read or is empty.
 */
export async function readApiKey(env: Readonly<Record<string, string | undefined>>): Promise<string> {
  const key = env[KEY_VARIABLE];
  const file = env[KEY_FILE_VARIABLE];
  if (key && file)
    throw new UsageError(`Both ${KEY_VARIABLE} and ${KEY_FILE_VARIABLE} are set.`, "Set only one of them.");
  if (key) return key;
  if (!file) {
    throw new UsageError(
      `No API key: set ${KEY_VARIABLE}, or ${KEY_FILE_VARIABLE} to the path of a file that holds it.`,
      "Create a key at https://cloud.lambda.ai/api-keys. It is never taken from a flag, which other users of the machine can see.",
    );
  }
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`${KEY_FILE_VARIABLE} names ${file}, which cannot be read (${error.code ?? error.message}).`);
  });
  const fromFile = text.trim();
  if (!fromFile) throw new UsageError(`${KEY_FILE_VARIABLE} names ${file}, which is empty.`);
  return fromFile;
}

/** Flags people try for a key; refused with advice, and without repeating what followed them. */
const KEY_FLAG = /^--(api-key|key|token)(=|$)/;

/**
 * Refuses a key passed as a flag, before anything parses argv (so its value is never echoed in an error).
 * @throws {UsageError} naming the variables to use instead.
 */
export function refuseKeyFlags(argv: readonly string[]): void {
  // After "--" the words are another program's (`lambda-cloud ssh box -- tool --token x`).
  const end = argv.indexOf("--");
  const flag = (end === -1 ? argv : argv.slice(0, end)).find((arg) => KEY_FLAG.test(arg));
  if (flag === undefined) return;
  const name = flag.split("=")[0] as string;
  throw new UsageError(
    `${name} is not an option: the API key is read from ${KEY_VARIABLE} or ${KEY_FILE_VARIABLE} only.`,
    "Command lines are visible to other users of the machine; set the variable instead.",
  );
}
