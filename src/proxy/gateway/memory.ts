/**
 * The gateway of one process (Node, Deno, Bun, tests): the engine with an in-memory store.
 */

import type { Gateway } from "./contract.js";
import { createGatewayEngine, type GatewayEngineOptions } from "./engine.js";
import { type MemoryStoreOptions, memoryStore } from "./memory-store.js";

/** Options of {@link createMemoryGateway}: the engine's, without a store. */
export interface MemoryGatewayOptions extends Omit<GatewayEngineOptions, "store">, MemoryStoreOptions {}

/**
 * Creates a gateway that keeps everything in this process: one per API key, shared by every
 * request the process serves.
 * @example
 * ```ts
 * import { fromEnv } from "lambda-cloud";
 * import { createLambdaProxy, createMemoryGateway } from "lambda-cloud/proxy";
 * const proxy = createLambdaProxy({ apiKey: fromEnv(), gateway: createMemoryGateway() });
 * ```
 */
export function createMemoryGateway(options: MemoryGatewayOptions = {}): Gateway {
  const { maxAuditRecords, ...engine } = options;
  return createGatewayEngine({ ...engine, store: memoryStore({ maxAuditRecords }) });
}
