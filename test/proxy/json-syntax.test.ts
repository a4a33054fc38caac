// The proxy's JSON check on bytes (src/proxy/json-syntax.ts) against what it replaced, the
// source of truth: JSON.parse of the decoded text. Both run over the same corpus (every spec
// example, serialised three ways, hand-picked edge cases, and byte-level mutations of all of
// them), and every verdict must agree.
import { deflateSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { isJsonBytes } from "../../src/proxy/json-syntax.js";
import { createRandom, type Random } from "../../src/testing/random.js";
import { specExamples } from "../helpers/spec-examples.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The verdict the proxy gave before: the decoded text parses. */
function parses(bytes: Uint8Array): boolean {
  try {
    JSON.parse(decoder.decode(bytes));
    return true;
  } catch {
    return false;
  }
}

/** Texts that probe each rule of the grammar, valid and not. */
const EDGE_CASES = [
  ...["", " ", "\t\r\n", "{}", "[]", " {} ", "{ }", "[ ]", "{}{}", "{},", "[,]", "[1,]", "[,1]", "{,}"],
  ...['{"a"}', '{"a":}', '{"a" : 1 }', '{"a":1,}', '{"a":1 "b":2}', "{1:2}", "{'a':1}", '{"a":1,"a":2}'],
  ...["0", "-0", "01", "-01", "1.", ".5", "1.5", "-", "+1", "1e5", "1E+5", "1e-5", "1e", "1e+", "0.0e0", "00"],
  ...["1.5.5", "0x10", "Infinity", "NaN", "-Infinity", "1_000", "12345678901234567890123", "1e400"],
  ...["true", "false", "null", "tru", "nul", "truex", "True", "NULL", "nulll", "[true,false,null]"],
  ...['""', '"a', '"\\"', '"\\\\"', '"\\/"', '"\\b\\f\\n\\r\\t"', '"\\x"', '"\\u00e9"', '"\\u00E9"', '"\\u00g9"'],
  ...['"\\u12"', '"\\ud800"', '"\\udc00\\ud800"', '"é"', '"\u0000"', '"\u001f"', '"\u007f"', '"\t"', '"a"b"'],
  ...["\uFEFF{}", "\uFEFF\uFEFF{}", "\uFEFF", "{}\uFEFF", "\u00A0{}", "\u2028{}", '["\u2028"]', "<!doctype html>"],
  ...['{"data":[{"id":"x","tags":[]}]}', '{"a":[1,[2,[3,{"b":{}}]]]}', '{"a":[1,[2,[3,{"b":{}}]]]', "[[[]]]]"],
];

/** Bytes that are not (or not only) UTF-8 text. */
const BYTE_CASES: Uint8Array[] = [
  Uint8Array.of(0x22, 0xff, 0x22),
  Uint8Array.of(0x22, 0xe2, 0x22),
  Uint8Array.of(0x22, 0xe2, 0x82, 0x22, 0x5d),
  Uint8Array.of(0x5b, 0x22, 0xc3, 0x22, 0x5d),
  Uint8Array.of(0x5b, 0xc3, 0xa9, 0x5d),
  Uint8Array.of(0x7b, 0x7d, 0x80),
  Uint8Array.of(0xef, 0xbb, 0x7b, 0x7d),
  Uint8Array.of(0xef, 0xbb, 0xbf, 0x20, 0x5b, 0x5d),
  Uint8Array.of(0x22, 0xed, 0xa0, 0x80, 0x22),
  deflateSync(encoder.encode('{"data":[]}')),
  gzipSync(encoder.encode('{"data":[]}')),
];

/** The spec examples as the API sends them (compact), pretty-printed, and with CRLF and tabs. */
function specTexts(): string[] {
  return specExamples().flatMap(({ body }) => [
    JSON.stringify(body),
    JSON.stringify(body, null, 2),
    JSON.stringify(body, null, "\t").replaceAll("\n", "\r\n"),
  ]);
}

/** Bytes that each mean something to the grammar, or to UTF-8. */
const PROBES = [...encoder.encode(' \t\n\r"\\/{}[],:0123456789-+.eEutrfalsn')];
PROBES.push(0x00, 0x08, 0x1f, 0x7f, 0x80, 0xbf, 0xc3, 0xe2, 0xef, 0xff);

/** Copies of `bytes` with one byte replaced, inserted or removed, and cut short, at random places. */
function mutationsOf(bytes: Uint8Array, random: Random, count: number): Uint8Array[] {
  const at = () => random.int(bytes.length);
  const probe = () => PROBES[random.int(PROBES.length)] as number;
  const variants: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const place = at();
    const replaced = bytes.slice();
    replaced[place] = probe();
    const inserted = new Uint8Array([...bytes.subarray(0, place), probe(), ...bytes.subarray(place)]);
    const removed = new Uint8Array([...bytes.subarray(0, place), ...bytes.subarray(place + 1)]);
    variants.push(replaced, inserted, removed, bytes.subarray(0, place));
  }
  return variants;
}

function disagreements(corpus: readonly Uint8Array[]): string[] {
  return corpus
    .filter((bytes) => isJsonBytes(bytes) !== parses(bytes))
    .map(
      (bytes) => `${parses(bytes) ? "refused" : "accepted"}: ${JSON.stringify(decoder.decode(bytes)).slice(0, 200)}`,
    );
}

describe("isJsonBytes: whether bytes are JSON, without building the value", () => {
  it("agrees with JSON.parse on every edge case of the grammar, and on bytes that are not UTF-8", () => {
    const corpus = [...EDGE_CASES.map((text) => encoder.encode(text)), ...BYTE_CASES];
    expect(disagreements(corpus)).toEqual([]);
    // Both verdicts are well represented, so agreement is not agreement on one answer.
    expect(corpus.filter(isJsonBytes).length).toBeGreaterThan(30);
    expect(corpus.filter((bytes) => !isJsonBytes(bytes)).length).toBeGreaterThan(50);
  });

  it("accepts every spec example, however it is spaced", () => {
    const texts = specTexts();
    expect(texts.length).toBeGreaterThan(90);
    expect(texts.filter((text) => !isJsonBytes(encoder.encode(text)))).toEqual([]);
  });

  it("agrees with JSON.parse on byte-level mutations of the spec examples and the edge cases", () => {
    // Seeded, so that a failure names a case that can be run again.
    const random = createRandom(0x5eed);
    const seeds = [...specTexts(), ...EDGE_CASES.filter((text) => text.length > 2)].map((text) => encoder.encode(text));
    const corpus = seeds.flatMap((bytes) => mutationsOf(bytes, random, 40));
    expect(corpus.length).toBeGreaterThan(20_000);
    expect(disagreements(corpus)).toEqual([]);
    const accepted = corpus.filter(isJsonBytes).length;
    expect(accepted).toBeGreaterThan(corpus.length / 20);
    expect(accepted).toBeLessThan(corpus.length - corpus.length / 20);
  });

  it("follows nesting of any depth without overflowing the stack, as JSON.parse does", () => {
    const depth = 200_000;
    const nested = (open: string, close: string) => encoder.encode(open.repeat(depth) + close.repeat(depth));
    expect(isJsonBytes(nested("[", "]"))).toBe(true);
    expect(isJsonBytes(nested('{"a":', "}"))).toBe(false);
    expect(isJsonBytes(nested('{"a":[', "]}"))).toBe(true);
    expect(isJsonBytes(encoder.encode(`${"[".repeat(depth)}${"]".repeat(depth - 1)}`))).toBe(false);
    expect(isJsonBytes(encoder.encode(`${"[".repeat(depth)}${"]".repeat(depth)}]`))).toBe(false);
  });
});
