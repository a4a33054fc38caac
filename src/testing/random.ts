/**
 * Deterministic randomness: every id, address, token and capacity figure the simulator
 * makes comes from here, so the same seed gives the same simulated cloud.
 */

/** A seeded pseudo-random source (sfc32). Not for cryptography. */
export interface Random {
  /** A uniformly distributed unsigned 32-bit integer. */
  uint32(): number;
  /** An integer in `[0, max)`. */
  int(max: number): number;
  /** `length` lowercase hex characters, e.g. a 32-character id. */
  hex(length: number): string;
  /** `length` random bytes. */
  bytes(length: number): Uint8Array;
  /** A version-4-shaped UUID. */
  uuid(): string;
}

/** Creates a random source from a seed; the same seed always yields the same sequence. */
export function createRandom(seed: number): Random {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const uint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let warmUp = 0; warmUp < 15; warmUp++) uint32();
  const hex = (length: number): string => {
    let text = "";
    while (text.length < length) text += uint32().toString(16).padStart(8, "0");
    return text.slice(0, length);
  };
  return {
    uint32,
    int: (max) => Math.floor((uint32() / 2 ** 32) * max),
    hex,
    bytes: (length) => Uint8Array.from({ length }, () => uint32() & 0xff),
    uuid: () => {
      const h = hex(32);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${"89ab"[Number.parseInt(h[16] as string, 16) % 4]}${h.slice(17, 20)}-${h.slice(20)}`;
    },
  };
}

/** A stable 32-bit hash (FNV-1a) of some parts, for values derived from the seed without consuming the sequence. */
export function hashOf(...parts: readonly (string | number)[]): number {
  let hash = 0x811c9dc5;
  for (const char of parts.join("\u0000")) {
    hash ^= char.codePointAt(0) as number;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A 32-character hex digest of a text (four salted FNV-1a hashes): stable and one-way enough to name a key without showing it. */
export function hexDigestOf(text: string): string {
  return [1, 2, 3, 4].map((salt) => hashOf(salt, text).toString(16).padStart(8, "0")).join("");
}
