/** The base of every resource group: a thin layer over the transport, one method per operation. */
import type { Transport } from "../transport/transport.js";

/** A group of related operations, such as `client.instances`. */
export abstract class Resource {
  /** @internal The transport that sends this group's operations. */
  protected readonly transport: Transport;

  /** @internal Resource groups are created by `LambdaCloudClient`. */
  constructor(transport: Transport) {
    this.transport = transport;
  }
}
