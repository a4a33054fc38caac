/**
 * A decompression bomb as an upstream: a real `node:http` server on 127.0.0.1 (port 0) whose
 * JSON answers are gzip-encoded and decode to far more than they weigh.
 *
 *   <origin>/sized/api/v1/instances     300 MiB of JSON gzipped to ~300 kB, with the compressed
 *                                       Content-Length (the answer that fooled the length check)
 *   <origin>/endless/api/v1/instances   gzip that never ends, chunked; the server notes when the
 *                                       reader closes the connection ({@link BombUpstream.abandoned})
 *   <origin>/<either>/api/v1/instance-types   a small plain JSON answer, to warm a proxy up
 *
 * The compressed bomb is built once per process by streaming through zlib, so building it never
 * holds the decoded bytes.
 */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { constants, createGzip } from "node:zlib";

/** Decoded size of the sized bomb. */
export const BOMB_DECODED_BYTES = 300 * 1024 * 1024;

const CHUNK = Buffer.alloc(64 * 1024, "a");

/** A running bomb upstream. */
export interface BombUpstream {
  /** Base URL (ending in /api/v1) of the answer with a Content-Length. */
  readonly sized: string;
  /** Base URL (ending in /api/v1) of the endless chunked answer. */
  readonly endless: string;
  /** The compressed size of the sized bomb, in bytes. */
  readonly compressedBytes: number;
  /** How many endless answers were cut off by their reader so far. */
  abandoned(): number;
  /** Stops the server and closes open connections. */
  close(): Promise<void>;
}

/** `{"data":"aaa…"}` of `decodedBytes`, as an endless or bounded stream of 64 KiB chunks. */
function jsonOfAs(decodedBytes: number): Readable {
  let left = decodedBytes - '{"data":""}'.length;
  let started = false;
  return new Readable({
    read() {
      if (!started) {
        started = true;
        this.push('{"data":"');
        return;
      }
      if (left <= 0) {
        this.push('"}');
        this.push(null);
        return;
      }
      const size = Math.min(left, CHUNK.length);
      left -= size;
      this.push(size === CHUNK.length ? CHUNK : CHUNK.subarray(0, size));
    },
  });
}

let sizedBomb: Promise<Buffer> | undefined;

/** The 300 MiB bomb, gzipped at the highest level, built once. */
function compressedBomb(): Promise<Buffer> {
  sizedBomb ??= (async () => {
    const parts: Buffer[] = [];
    for await (const part of jsonOfAs(BOMB_DECODED_BYTES).pipe(createGzip({ level: constants.Z_BEST_COMPRESSION })))
      parts.push(part as Buffer);
    return Buffer.concat(parts);
  })();
  return sizedBomb;
}

/** Starts the bomb upstream on a free loopback port. */
export async function startBombUpstream(): Promise<BombUpstream> {
  const bomb = await compressedBomb();
  let abandoned = 0;
  const server = createServer((request, response) => {
    const url = request.url ?? "/";
    if (url.endsWith("/instance-types")) return json(response, '{"data":{}}');
    if (url.startsWith("/sized/")) {
      response.writeHead(200, {
        "content-type": "application/json",
        "content-encoding": "gzip",
        "content-length": String(bomb.length),
      });
      response.end(bomb);
      return;
    }
    if (url.startsWith("/endless/")) {
      response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      const source = jsonOfAs(Number.POSITIVE_INFINITY);
      source.pipe(createGzip()).pipe(response);
      response.once("close", () => {
        if (!response.writableFinished) abandoned += 1;
        source.destroy();
      });
      return;
    }
    json(response, '{"error":{"code":"global/object-does-not-exist","message":"not here"}}', 404);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    sized: `${origin}/sized/api/v1`,
    endless: `${origin}/endless/api/v1`,
    compressedBytes: bomb.length,
    abandoned: () => abandoned,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function json(response: ServerResponse, body: string, status = 200): void {
  response.writeHead(status, { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) });
  response.end(body);
}
