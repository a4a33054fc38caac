/** Finding a resource by name or id, as every command that takes `NAME|ID` does. */
import { HEX_ID, type Instance, type LambdaCloudClient } from "lambda-cloud";
import { NotFoundByNameError, UsageError } from "./errors.ts";

/** Something with an id and a name. */
interface Named {
  readonly id: string;
  readonly name?: string | null | undefined;
}

/**
 * The one item whose id or name is `ref`.
 * @throws {NotFoundByNameError} when none is; {@link UsageError} when several share the name.
 */
export function byNameOrId<Item extends Named>(
  items: readonly Item[],
  ref: string,
  kind: string,
  listCommand: string,
): Item {
  const byId = items.find((item) => item.id === ref);
  if (byId) return byId;
  const named = items.filter((item) => item.name === ref);
  if (named.length === 0) throw new NotFoundByNameError(kind, ref, listCommand);
  if (named.length > 1)
    throw new UsageError(
      `${named.length} ${kind}s are named ${JSON.stringify(ref)}: ${named.map((item) => item.id).join(", ")}.`,
      "Give the id instead.",
    );
  return named[0] as Item;
}

/** An instance by id (one GET) or by name (one list). */
export async function findInstance(client: LambdaCloudClient, ref: string, signal: AbortSignal): Promise<Instance> {
  if (HEX_ID.pattern.test(ref)) return client.instances.get(ref, { signal });
  return byNameOrId(await client.instances.list({}, { signal }), ref, "instance", "instances list");
}

/** Several instances by id or name, with one list call. */
export async function findInstances(
  client: LambdaCloudClient,
  refs: readonly string[],
  signal: AbortSignal,
): Promise<Instance[]> {
  const all = await client.instances.list({}, { signal });
  return refs.map((ref) => byNameOrId(all, ref, "instance", "instances list"));
}

/** "name (id)" or just the id. */
export function label(item: Named): string {
  return item.name ? `${item.name} (${item.id})` : item.id;
}
