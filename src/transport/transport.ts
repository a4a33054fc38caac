/**
 * The only code that talks to ky. One `call` per operation: check the arguments, wait for
 * the rate limiter, add the key, send with retries (never following redirects), map failures
 * to typed errors, validate the payload, and pass any error through the one redaction step.
 * An aborted signal wins at every stage: before sending, while waiting, and after the answer.
 * Each attempt and the call's result are reported to the client's hooks (see `hooks.ts`).
 */
import ky, { type KyInstance, type Options, type RetryOptions } from "ky";
import type { KeyProvider } from "../auth/key-provider.js";
import { readKey } from "../auth/read-key.js";
import {
  APIConnectionError,
  APIError,
  AuthenticationError,
  type LambdaCloudError,
  RequestValidationError,
  ResponseValidationError,
  type ValidationProblem,
} from "../errors.js";
import type { HttpMethod, OperationSpec, ResponseOf } from "../operation-schemas.js";
import { buildPath, toSearchParams } from "../routing.js";
import { EmptyResponseSchema } from "../schemas/common.js";
import { validateParsed } from "../validate-parsed.js";
import { validate } from "../validation.js";
import { type CallTrace, traceCall } from "./call-trace.js";
import type { ClientHooks } from "./hooks.js";
import { mapError, parseJsonLeniently, snippet, UnparsedBody } from "./map-error.js";
import { MAX_RETRIES_CHECK, optionProblem, TIMEOUT_MS_CHECK } from "./option-checks.js";
import type { RateLimiter } from "./rate-limiter.js";
import { encodeBasicCredentials, secretForms } from "./redact.js";
import { redactError } from "./redact-error.js";
import { retryOptions } from "./retry-policy.js";

/** Options of a single call; every resource method takes them as its last argument. */
export interface RequestOptions {
  /**
   * Aborts the call, its retries and any wait in between; the promise rejects with the signal's
   * reason. An already-aborted signal rejects before anything is sent, and one that aborts after
   * the answer arrived still rejects (the answer is dropped).
   */
  readonly signal?: AbortSignal | undefined;
  /** Per-attempt timeout for this call in milliseconds, overriding the client's `timeoutMs`. */
  readonly timeoutMs?: number | undefined;
  /**
   * Retries for this call, overriding the client's `maxRetries` (`0` sends it once). Which
   * failures are retried does not change: a POST is still retried only when that is safe.
   * @example
   * ```ts
   * await client.instances.list({ maxRetries: 0 }); // fail fast in a health check
   * ```
   */
  readonly maxRetries?: number | undefined;
  /** Extra request headers for this call. `Authorization` is always set by the client. */
  readonly headers?: HeadersInit | undefined;
}

/** How the transport is set up; the client fills every field. */
export interface TransportSettings {
  readonly baseUrl: string;
  /** Where the key comes from; `undefined` sends no Authorization header (e.g. behind a proxy that adds it). */
  readonly keyProvider: KeyProvider | undefined;
  readonly authScheme: "bearer" | "basic";
  readonly fetch: typeof globalThis.fetch | undefined;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly rateLimiter: RateLimiter | undefined;
  readonly userAgent: string | undefined;
  readonly validateResponses: boolean;
  /** The hooks every call reports to (the user's and the logger's, combined), if any. */
  readonly hooks: Required<ClientHooks> | undefined;
}

/** The arguments of one operation call. */
export interface CallInput {
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: unknown;
  readonly body?: unknown;
}

/** What one send learned: the key it used, for the 401 decision. */
interface AttemptState {
  key?: string;
}

/** Every form of every key a call sent, for the redaction step. */
type CallSecrets = string[];

/** What the auth hook needs for one key, computed once per key rather than once per request. */
interface KeyMaterial {
  readonly key: string;
  readonly authorization: string;
  /** Every form of the key that may be echoed back, for redaction. */
  readonly secrets: readonly string[];
}

const HTTP_METHODS: readonly HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** Sends operations of the table to the API. */
export class Transport {
  readonly #settings: TransportSettings;
  readonly #ky: KyInstance;
  readonly #fetch: typeof globalThis.fetch;
  readonly #retryByMethod: ReadonlyMap<string, RetryOptions>;
  #lastKeyMaterial: KeyMaterial | undefined;

  constructor(settings: TransportSettings) {
    this.#settings = settings;
    this.#fetch = normalizeFetchFailures(settings.fetch);
    this.#ky = ky.create({
      prefix: settings.baseUrl,
      fetch: this.#fetch,
      headers: settings.userAgent
        ? { accept: "application/json", "user-agent": settings.userAgent }
        : { accept: "application/json" },
      parseJson: parseJsonLeniently,
      throwHttpErrors: true,
      // The API never redirects; following one would send a launch body (and trust data) elsewhere.
      redirect: "manual",
    });
    this.#retryByMethod = new Map(HTTP_METHODS.map((method) => [method, retryOptions(method, settings.maxRetries)]));
  }

  /**
   * Calls one operation and returns its validated payload.
   * @throws {RequestValidationError} before sending, when an argument is invalid.
   */
  async call<Op extends OperationSpec>(
    operation: Op,
    input: CallInput = {},
    options: RequestOptions = {},
  ): Promise<ResponseOf<Op>> {
    const { signal } = options;
    const secrets: CallSecrets = [];
    const trace = traceCall(operation, this.#settings.hooks, secrets);
    try {
      signal?.throwIfAborted();
      this.#checkRequestOptions(operation, options);
      const path = buildPath(operation, input.params);
      trace.path = path;
      const query = operation.query ? this.#checkArguments(operation, operation.query, input.query ?? {}) : undefined;
      const body = operation.body ? this.#checkArguments(operation, operation.body, input.body) : undefined;
      const received = await this.#sendRefreshingKeyOnce(operation, path, query, body, options, secrets, trace);
      signal?.throwIfAborted();
      return this.#decode(operation, received, secrets) as ResponseOf<Op>;
    } catch (error) {
      const thrown = signal?.aborted ? signal.reason : redactError(error, secrets);
      trace.failed(thrown);
      throw thrown;
    }
  }

  /**
   * Sends bytes to a presigned upload URL. The URL carries its own authorization, so the API
   * key is not sent, and nothing is retried.
   */
  async upload(
    url: string,
    upload: { method: string; body: BodyInit; contentType: string; signal?: AbortSignal | undefined },
  ): Promise<void> {
    let response: Response;
    try {
      response = await this.#fetch(url, {
        method: upload.method,
        body: upload.body,
        headers: { "content-type": upload.contentType },
        signal: upload.signal ?? null,
      });
    } catch (error) {
      if (upload.signal?.aborted) throw upload.signal.reason;
      throw new APIConnectionError(
        `Could not upload the attachment to its presigned URL (${(error as Error).message}).`,
        { cause: error },
      );
    }
    if (!response.ok) {
      throw new APIError({
        status: response.status,
        code: "attachments/upload-failed",
        message: `The presigned upload answered ${response.status}: ${snippet(await response.text(), [])}.`,
        suggestion: "Start the upload again: presigned URLs expire.",
        headers: response.headers,
      });
    }
    await response.body?.cancel();
  }

  /** Passes an error raised outside a call (such as `waitFor`'s, which quotes a received status) through the same redaction step, with the key last sent. */
  redact<E>(error: E): E {
    return redactError(error, this.#lastKeyMaterial?.secrets ?? []) as E;
  }

  /** The per-call options that have a range, checked like the client's. */
  #checkRequestOptions(operation: OperationSpec, options: RequestOptions): void {
    const problems: ValidationProblem[] = [];
    for (const [name, check] of [
      ["timeoutMs", TIMEOUT_MS_CHECK],
      ["maxRetries", MAX_RETRIES_CHECK],
    ] as const) {
      const message = optionProblem(options[name], check)?.slice(0, -1);
      if (message) problems.push({ path: `options.${name}`, message });
    }
    if (problems.length > 0) throw new RequestValidationError(operation.id, problems);
  }

  #checkArguments(operation: OperationSpec, schema: NonNullable<OperationSpec["body"]>, value: unknown): unknown {
    const result = validate(schema, value);
    if (!result.ok) throw new RequestValidationError(operation.id, result.problems);
    return result.value;
  }

  /**
   * A 401 may mean that a cached key was rotated: drop the cache and, when the provider now
   * yields a different key, send once more with it. The same key again would only be refused again.
   */
  async #sendRefreshingKeyOnce(
    operation: OperationSpec,
    path: string,
    query: unknown,
    body: unknown,
    options: RequestOptions,
    secrets: CallSecrets,
    trace: CallTrace,
  ): Promise<unknown> {
    const { keyProvider } = this.#settings;
    const attempt: AttemptState = {};
    try {
      return await this.#send(operation, path, query, body, options, attempt, secrets, trace);
    } catch (error) {
      if (!(error instanceof AuthenticationError) || !keyProvider) throw error;
      keyProvider.invalidate?.();
      const fresh = await readKey(keyProvider, { signal: options.signal });
      if (fresh === attempt.key) throw error;
      trace.retrying(redactError(error, secrets) as LambdaCloudError);
      return this.#send(operation, path, query, body, options, {}, secrets, trace);
    }
  }

  async #send(
    operation: OperationSpec,
    path: string,
    query: unknown,
    body: unknown,
    options: RequestOptions,
    attempt: AttemptState,
    secrets: CallSecrets,
    trace: CallTrace,
  ): Promise<unknown> {
    const { keyProvider, rateLimiter, hooks } = this.#settings;
    const timeoutMs = options.timeoutMs ?? this.#settings.timeoutMs;
    const rateLimitKind = operation.outcomeUnknownOnFailure ? "launch" : "request";
    const context = { operation, keyProviderName: keyProvider?.name, secrets, timeoutMs };
    try {
      const kyOptions: Options = {
        method: operation.method,
        timeout: timeoutMs,
        retry:
          options.maxRetries === undefined
            ? this.#retryByMethod.get(operation.method)
            : retryOptions(operation.method, options.maxRetries),
        hooks: {
          beforeRequest: [
            async ({ request, options: sent }) => {
              if (rateLimiter) await rateLimiter.acquire(rateLimitKind, sent.signal ?? undefined);
              if (keyProvider) {
                const material = this.#keyMaterial(await readKey(keyProvider, { signal: sent.signal ?? undefined }));
                attempt.key = material.key;
                for (const form of material.secrets) if (!secrets.includes(form)) secrets.push(form);
                request.headers.set("authorization", material.authorization);
              }
              trace.sending();
            },
          ],
          beforeRetry: [
            async ({ error, options: sent }) => {
              if (hooks) trace.retrying(redactError(mapError(error, context), secrets) as LambdaCloudError);
              if (rateLimiter) await rateLimiter.acquire(rateLimitKind, sent.signal ?? undefined);
              trace.sending();
            },
          ],
          // Only when observed: ky clones the response for each afterResponse hook.
          ...(hooks ? { afterResponse: [({ response }) => trace.answered(response)] } : {}),
        },
      };
      // ky merges every key of a call's options with its defaults, on every call: the options
      // that do not apply are left out rather than set to `undefined`.
      const searchParams = query === undefined ? undefined : nonEmpty(toSearchParams(query as Record<string, unknown>));
      if (searchParams) kyOptions.searchParams = searchParams;
      if (body !== undefined) kyOptions.json = body;
      if (options.signal) kyOptions.signal = options.signal;
      // ky treats an explicit `headers: undefined` as "remove the client's headers".
      if (options.headers !== undefined) kyOptions.headers = options.headers;
      return await this.#ky(path.slice(1), kyOptions).json();
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      throw mapError(error, context);
    }
  }

  #keyMaterial(key: string): KeyMaterial {
    if (this.#lastKeyMaterial?.key !== key) {
      const authorization =
        this.#settings.authScheme === "basic" ? `Basic ${encodeBasicCredentials(key)}` : `Bearer ${key}`;
      this.#lastKeyMaterial = { key, authorization, secrets: secretForms(key) };
    }
    return this.#lastKeyMaterial;
  }

  #decode(operation: OperationSpec, body: unknown, secrets: CallSecrets): unknown {
    const invalid = (problems: ValidationProblem[], data: unknown) =>
      new ResponseValidationError(operation.id, problems, data);
    if (body instanceof UnparsedBody) {
      if (body.text.trim() === "" && operation.response === EmptyResponseSchema) return {};
      throw invalid([{ path: "", message: `is not valid JSON: ${snippet(body.text, secrets)}` }], body.text);
    }
    let payload = body;
    if (operation.envelope !== "body") {
      if (body === null || typeof body !== "object" || !("data" in body)) {
        throw invalid([{ path: "", message: "must be a JSON object with a `data` field" }], body);
      }
      payload = body.data;
    }
    if (!this.#settings.validateResponses) return payload;
    const result = validateParsed(operation.response, operation.answerCheck, payload);
    if (!result.ok) throw invalid(result.problems, payload);
    return result.value;
  }
}

function nonEmpty(params: URLSearchParams): URLSearchParams | undefined {
  return params.size > 0 ? params : undefined;
}

/**
 * Wraps a fetch so that every rejection that is not an abort reads as a network failure
 * ("fetch failed"), whatever the runtime's wording. ky then retries it like any lost
 * connection. The fetch is looked up at call time, so a later stub of `globalThis.fetch` works.
 */
function normalizeFetchFailures(custom: typeof globalThis.fetch | undefined): typeof globalThis.fetch {
  return async (input, init) => {
    try {
      return await (custom ?? globalThis.fetch)(input, init);
    } catch (error) {
      const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
      if (signal?.aborted) throw error;
      throw new TypeError("fetch failed", { cause: error });
    }
  };
}
