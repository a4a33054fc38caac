/** The base of every resource group: a thin layer over the transport, one method per operation. */
import type { LambdaCloudClientOptions } from "../client.js";
import { setUpClient } from "../client-setup.js";
import { Transport } from "../transport/transport.js";

/**
 * A group of related operations, such as `client.instances`. Each group is also a client of its
 * own, for a program that needs only it: `new InstancesClient(options)` takes the options of
 * `LambdaCloudClient`, and a bundle of it holds only that group's operations and schemas.
 */
export abstract class Resource {
  /** @internal The transport that sends this group's operations. */
  protected readonly transport: Transport;

  /**
   * A client of this group alone, with the options of `LambdaCloudClient` (every one has the
   * same default). Two groups built apart each space their own requests: give them one
   * `rateLimiter` (see `createRateLimiter`) when they use the same key.
   * @throws {ConfigurationError} when an option (or `LAMBDA_CLOUD_BASE_URL`) is invalid, unknown, or contradicts another.
   */
  constructor(options?: LambdaCloudClientOptions);
  /** @internal A group of a `LambdaCloudClient`, sending through the client's transport. */
  constructor(transport: Transport);
  constructor(source: LambdaCloudClientOptions | Transport = {}) {
    this.transport = source instanceof Transport ? source : setUpClient(source).transport;
  }
}
