/**
 * Reading an environment variable in every runtime without importing anything: `process.env`
 * (Node, Bun, and Workers with `nodejs_compat`), then `Deno.env`. Used by `fromEnv` (the key)
 * and by the client (`LAMBDA_CLOUD_BASE_URL`).
 */

/** The parts of the runtimes' globals that are read, all optional. */
interface EnvGlobals {
  readonly process?: { readonly env?: Readonly<Record<string, string | undefined>> } | undefined;
  readonly Deno?:
    | {
        readonly env?: { get(name: string): string | undefined };
        readonly permissions?: { querySync?(descriptor: { name: "env"; variable: string }): { state: string } };
      }
    | undefined;
}

/** Deno refused access to the variable (`--allow-env` missing). */
export class EnvPermissionError extends Error {
  override name = "EnvPermissionError";
}

/**
 * The variable's value, or `undefined` when it is not set.
 * @throws {EnvPermissionError} when Deno denies access; any other failure of the runtime is rethrown.
 */
export function readEnvVariable(name: string): string | undefined {
  const globals = globalThis as EnvGlobals;
  try {
    const fromProcess = globals.process?.env?.[name];
    if (typeof fromProcess === "string") return fromProcess;
    const denoEnv = globals.Deno?.env;
    if (denoEnv && typeof denoEnv.get === "function") return denoEnv.get(name);
    return undefined;
  } catch (error) {
    // Deno 2 throws NotCapable (Deno 1: PermissionDenied) from both Deno.env and process.env.
    if (error instanceof Error && (error.name === "NotCapable" || error.name === "PermissionDenied")) {
      throw new EnvPermissionError(`Deno denied access to the environment variable ${name}`, { cause: error });
    }
    throw error;
  }
}

/**
 * Like {@link readEnvVariable}, but only where reading needs no permission that was not
 * granted: under Deno without `--allow-env=<name>` it returns `undefined` instead of
 * failing or prompting. For optional settings.
 */
export function readEnvVariableIfAllowed(name: string): string | undefined {
  const permissions = (globalThis as EnvGlobals).Deno?.permissions;
  if (
    typeof permissions?.querySync === "function" &&
    permissions.querySync({ name: "env", variable: name }).state !== "granted"
  ) {
    return undefined;
  }
  try {
    return readEnvVariable(name);
  } catch (error) {
    if (error instanceof EnvPermissionError) return undefined;
    throw error;
  }
}
