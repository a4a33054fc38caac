/**
 * The types of `client.call(operationId, input, options)`: the input an operation of the table
 * takes, derived from its route and schemas, so that any operation can be called by its id.
 */
import type {
  AnySchema,
  BodyOf,
  OperationId,
  OperationSpec,
  Operations,
  ParamsOf,
  QueryOf,
  ResponseOf,
} from "./operation-schemas.js";
import type { RequestOptions } from "./transport/transport.js";

/**
 * What an operation takes: `params` when its path has ids, `query` (optional) when it takes a
 * query, and `body` when it takes a JSON body.
 * @example
 * ```ts
 * const input: OperationInput<Operations["getInstance"]> = { params: { id: "0920582c7ff041399e34823a0be62549" } };
 * ```
 */
export type OperationInput<Op extends OperationSpec> = ([keyof Op["params"]] extends [never]
  ? { readonly params?: undefined }
  : { readonly params: ParamsOf<Op> }) &
  (Op["query"] extends AnySchema ? { readonly query?: QueryOf<Op> } : { readonly query?: undefined }) &
  (Op["body"] extends AnySchema ? { readonly body: BodyOf<Op> } : { readonly body?: undefined });

/** The arguments after the operation id: the input, optional when the operation needs none, then the options. */
export type CallArguments<Id extends OperationId> =
  Record<never, never> extends OperationInput<Operations[Id]>
    ? [input?: OperationInput<Operations[Id]>, options?: RequestOptions]
    : [input: OperationInput<Operations[Id]>, options?: RequestOptions];

/** What `client.call(id, …)` resolves with: the operation's validated payload. */
export type CallResult<Id extends OperationId> = ResponseOf<Operations[Id]>;
