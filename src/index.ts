/**
 * A typed, validated client for the Lambda Cloud API (all 34 operations of API v1.10.0) for
 * Node 22+, Deno 2, Bun, Cloudflare Workers and browsers: arguments are checked before anything is
 * sent, responses are validated, requests are retried and spaced to the API's limits, and the API
 * key never appears in an error or a log line. The operations table, the schemas and the error
 * classes are exported too. This module only re-exports; see each file for the code.
 *
 * @example
 * ```ts
 * import { InsufficientCapacityError, LambdaCloudClient } from "lambda-cloud";
 *
 * const client = new LambdaCloudClient(); // reads LAMBDA_API_KEY on each request
 * const types = await client.instanceTypes.list();
 * try {
 *   await client.instances.launch({ region_name: "us-west-1", instance_type_name: "gpu_1x_a10", ssh_key_names: ["laptop"] });
 * } catch (error) {
 *   if (error instanceof InsufficientCapacityError) console.log("No capacity; try another region.");
 *   else throw error;
 * }
 * ```
 *
 * @module
 */

export * from "./auth/index.js";
export { DEFAULT_BASE_URL, LambdaCloudClient, type LambdaCloudClientOptions } from "./client.js";
export type { CallArguments, CallResult, OperationInput } from "./client-call.js";
export { type ErrorCode, ErrorCodes, type KnownErrorCode, PROVIDER_ERROR_PREFIX } from "./error-codes.js";
export * from "./errors.js";
export type { FastCheck } from "./fast-check-helpers.js";
export {
  type AccessLevel,
  type AnySchema,
  type BodyOf,
  type HttpMethod,
  type OperationId,
  type OperationRoute,
  type OperationSpec,
  type Operations,
  operationList,
  operations,
  type ParamsOf,
  type QueryOf,
  type ResponseOf,
} from "./operation-schemas.js";
export type { ResourceName } from "./operations.js";
export type { AttachmentBody, Attachments, AttachmentUpload } from "./resources/attachments.js";
export { AuditEventsClient } from "./resources/audit-events.js";
export type { Availability, AvailabilityFilter } from "./resources/availability.js";
export type { RegionPreference, TypePreference } from "./resources/candidates.js";
export { ImagesClient, InstanceTypesClient, RegionsClient } from "./resources/catalog.js";
export { FilesystemsClient } from "./resources/filesystems.js";
export { FirewallRulesClient, FirewallRulesetsClient } from "./resources/firewall.js";
export { IDEMPOTENCY_TAG_KEY } from "./resources/idempotency.js";
export { InstancesClient, type LaunchOptions, type WaitForOptions } from "./resources/instances.js";
export type {
  LaunchWhenAvailableEvent,
  LaunchWhenAvailableOptions,
  LaunchWhenAvailableRequest,
  LaunchWhenAvailableResult,
  LaunchWhenAvailableSummary,
} from "./resources/launch-when-available.js";
export type { Resource } from "./resources/resource.js";
export { SSHKeysClient } from "./resources/ssh-keys.js";
export { TicketsClient } from "./resources/tickets.js";
export * from "./schemas/audit-events.js";
export * from "./schemas/common.js";
export * from "./schemas/errors.js";
export * from "./schemas/filesystems.js";
export * from "./schemas/firewall.js";
export * from "./schemas/images.js";
export * from "./schemas/instance-types.js";
export * from "./schemas/instances.js";
export * from "./schemas/ssh-keys.js";
export * from "./schemas/tickets.js";
export type { CallEvent, ClientHooks, ErrorEvent, RequestEvent, ResponseEvent, RetryEvent } from "./transport/hooks.js";
export type { Logger, LogLevel } from "./transport/logger.js";
export {
  createRateLimiter,
  type RateLimiter,
  type RateLimiterOptions,
  type RateLimitKind,
} from "./transport/rate-limiter.js";
export type { RequestOptions } from "./transport/transport.js";
export { VERSION } from "./version.js";
