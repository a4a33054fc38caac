/**
 * lambda-cloud: a typed, validated client for the Lambda Cloud API.
 * This module only re-exports; see each file for the code.
 */
export { DEFAULT_BASE_URL, LambdaCloudClient, type LambdaCloudClientOptions } from "./client.js";
export * from "./errors.js";
export { ErrorCodes, PROVIDER_ERROR_PREFIX } from "./operations.js";
export * from "./auth/index.js";
export { createRateLimiter, type RateLimiter, type RateLimiterOptions, type RateLimitKind } from "./transport/rate-limiter.js";
export type { RequestOptions } from "./transport/transport.js";
export type { ClientHooks, CallEvent, RequestEvent, ResponseEvent, RetryEvent, ErrorEvent } from "./transport/hooks.js";
export type { Logger, LogLevel } from "./transport/logger.js";
export type { OperationInput, CallArguments, CallResult } from "./client-call.js";
export type { LaunchOptions, WaitForOptions } from "./resources/instances.js";
export { IDEMPOTENCY_TAG_KEY } from "./resources/idempotency.js";
export type { Availability, AvailabilityFilter } from "./resources/availability.js";
export type { AttachmentBody, AttachmentUpload } from "./resources/attachments.js";
export {
  operations,
  operationList,
  type AccessLevel,
  type HttpMethod,
  type OperationId,
  type Operations,
  type OperationSpec,
  type ResponseOf,
  type BodyOf,
  type QueryOf,
  type ParamsOf,
} from "./operation-schemas.js";
export { VERSION } from "./version.js";
export * from "./schemas/common.js";
export * from "./schemas/instances.js";
export * from "./schemas/instance-types.js";
export * from "./schemas/ssh-keys.js";
export * from "./schemas/filesystems.js";
export * from "./schemas/images.js";
export * from "./schemas/firewall.js";
export * from "./schemas/audit-events.js";
export * from "./schemas/tickets.js";
export * from "./schemas/errors.js";
