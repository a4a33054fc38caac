/** The contract between the simulator's dispatcher and its handlers, one per operation. */
import type * as v from "valibot";
import type { AnySchema, OperationId, Operations } from "../../operation-schemas.js";
import type { Store } from "../store.js";

type Validated<Schema> = Schema extends AnySchema ? v.InferOutput<Schema> : undefined;

/** One validated call of an operation. */
export interface Call<Id extends OperationId = OperationId> {
  readonly store: Store;
  /** Path parameters, already checked against their formats. */
  readonly params: Readonly<Record<keyof Operations[Id]["params"] & string, string>>;
  /** The query, validated by the operation's schema. */
  readonly query: Validated<Operations[Id] extends { query: infer Q } ? Q : undefined>;
  /** The JSON body, validated by the operation's schema. */
  readonly body: Validated<Operations[Id] extends { body: infer B } ? B : undefined>;
  /** Origin of the request (`http://127.0.0.1:8788`), for URLs that point back at the simulator. */
  readonly origin: string;
}

/** What a handler produced: the payload, and the LRNs of the resources it touched (for the audit log). */
export interface Outcome {
  readonly payload: unknown;
  readonly resources?: readonly string[];
}

/** Handles one operation; throws `SimulatorApiError` to answer with an API error. */
export type Handler<Id extends OperationId> = (call: Call<Id>) => Outcome;

/** Handlers for some operations, each typed by its own operation. */
export type HandlerTable<Ids extends OperationId> = { readonly [Id in Ids]: Handler<Id> };
