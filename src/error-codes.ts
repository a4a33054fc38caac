/**
 * The error codes the Lambda Cloud API answers with (API.md §5.2): the other half of the API's
 * vocabulary, beside the operations table. Free of any schema library, like `operations.ts`,
 * so the proxy that reads it stays small.
 */
import type { OpenEnum } from "./schemas/common.js";

/**
 * The error codes the API documents (API.md §5.2), for branching: `error.code` is stable,
 * while messages may change. Codes of `provider/*` start with {@link PROVIDER_ERROR_PREFIX}.
 * @example
 * ```ts
 * if (error instanceof APIError && error.code === ErrorCodes.filesystemInUse) await retryLater();
 * ```
 */
export const ErrorCodes = {
  /** 401: missing, invalid, expired or deleted API key. */
  invalidApiKey: "global/invalid-api-key",
  /** 403: account inactive or suspended, email not verified, or no payment method. */
  accountInactive: "global/account-inactive",
  /** 403: invalid billing address (launch, create filesystem). */
  invalidAddress: "global/invalid-address",
  /** 403: the key's role does not allow this. */
  forbidden: "global/forbidden",
  /** 400: bad body or query. */
  invalidParameters: "global/invalid-parameters",
  /** 404 (400 on launch): an instance, filesystem, ruleset, attachment, SSH key or image does not exist. */
  objectDoesNotExist: "global/object-does-not-exist",
  /** 404: not found, or not visible to this key. */
  notFound: "global/not-found",
  /** 400: a filesystem with this name exists. */
  duplicate: "global/duplicate",
  /** 400: the account's quota is used up. */
  quotaExceeded: "global/quota-exceeded",
  /** 409: the resource's state conflicts with the request. */
  conflict: "global/conflict",
  /** An internal error of the API. */
  internalError: "global/internal-error",
  /** 400: no capacity for this instance type in this region now. */
  insufficientCapacity: "instance-operations/launch/insufficient-capacity",
  /** 400: a filesystem to mount is in another region than the instance. */
  fileSystemInWrongRegion: "instance-operations/launch/file-system-in-wrong-region",
  /** 400: the filesystem is mounted by an instance. */
  filesystemInUse: "filesystems/filesystem-in-use",
  /** 400: the ruleset is attached to instances. */
  firewallRulesetInUse: "firewall-rulesets/firewall-ruleset-in-use",
  /** 400: the ticket could not be created. */
  ticketCreationFailed: "support-tickets/creation-failed",
} as const;

/** A code the API documents, e.g. `"global/not-found"`: a value of {@link ErrorCodes}. */
export type KnownErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/**
 * An API error code: one of the documented {@link KnownErrorCode}s (offered by editors), or any
 * other string, since the API adds codes (`provider/*` codes, and `"http/<status>"` when an error
 * answer had no code).
 */
export type ErrorCode = OpenEnum<KnownErrorCode>;

/** Errors of Lambda's upstream providers have codes starting with this; they are retryable. */
export const PROVIDER_ERROR_PREFIX = "provider/";
