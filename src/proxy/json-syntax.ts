/**
 * Whether a body is JSON, decided on its bytes without building the value. The proxy checks every
 * upstream answer it buffers; `JSON.parse` of a 90 kB answer, only to throw the value away, cost
 * about as much in workerd as everything else the proxy does.
 *
 * The verdict is exactly that of `JSON.parse(new TextDecoder().decode(bytes))` succeeding
 * (test/proxy/json-syntax.test.ts holds it to that). Decoding changes nothing this check looks
 * at: a leading byte-order mark is dropped, ASCII bytes stay themselves, and every other byte,
 * valid UTF-8 or not, becomes a character from U+0080 up, which JSON allows inside strings and
 * nowhere else.
 */

const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const PLUS = 0x2b;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const COLON = 0x3a;
const UPPER_E = 0x45;
const OPEN_ARRAY = 0x5b;
const BACKSLASH = 0x5c;
const CLOSE_ARRAY = 0x5d;
const LOWER_E = 0x65;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/** The bytes that may follow a backslash in a string, `u` aside: `" \ / b f n r t`. */
const SHORT_ESCAPES = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);
const UNICODE_ESCAPE = 0x75;

/** `true`, `false` and `null`, keyed by their first byte. */
const LITERALS = new Map(["true", "false", "null"].map((word) => [word.charCodeAt(0), new TextEncoder().encode(word)]));

/**
 * Whether `bytes` hold one JSON value (RFC 8259), with whitespace around it and an optional
 * UTF-8 byte-order mark before it.
 * @example
 * isJsonBytes(new TextEncoder().encode('{"data": []}')); // true
 * isJsonBytes(new TextEncoder().encode("<!doctype html>")); // false
 */
export function isJsonBytes(bytes: Uint8Array): boolean {
  // Every helper takes the length and reads only below it: V8 keeps a loop over a typed array
  // fast when its length is a local and no read falls outside it (about 3× on a 90 kB answer).
  const end = bytes.length;
  // The containers entered and not yet closed, innermost last. A stack rather than recursion,
  // so no depth of nesting overflows the call stack (JSON.parse has no depth limit either).
  const open: number[] = [];
  let at = skipWhitespace(bytes, startOf(bytes), end);
  for (;;) {
    if (at >= end) return false;
    // A value starts at `at`: enter a container that holds something, or skip the value whole.
    const first = bytes[at] as number;
    if (first === OPEN_OBJECT || first === OPEN_ARRAY) {
      const inside = skipWhitespace(bytes, at + 1, end);
      if (inside >= end) return false;
      if (bytes[inside] !== closerOf(first)) {
        open.push(first);
        at = first === OPEN_OBJECT ? skipMemberName(bytes, inside, end) : inside;
        if (at < 0) return false;
        continue;
      }
      at = inside + 1;
    } else {
      at = skipScalar(bytes, at, end);
      if (at < 0) return false;
    }
    // After a value: close what it ends, then expect the next member or element, or the end.
    for (;;) {
      at = skipWhitespace(bytes, at, end);
      const container = open.at(-1);
      if (container === undefined) return at === end;
      if (at >= end) return false;
      if (bytes[at] === COMMA) {
        at = skipWhitespace(bytes, at + 1, end);
        if (container === OPEN_OBJECT) at = skipMemberName(bytes, at, end);
        break;
      }
      if (bytes[at] !== closerOf(container)) return false;
      open.pop();
      at++;
    }
    if (at < 0) return false;
  }
}

function closerOf(opener: number): number {
  return opener === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY;
}

/** Where the text starts: after a UTF-8 byte-order mark, which `TextDecoder` drops. */
function startOf(bytes: Uint8Array): number {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

/** Skips the string, number or literal at `at` (below `end`); the index after it, or -1 when there is none. */
function skipScalar(bytes: Uint8Array, at: number, end: number): number {
  const first = bytes[at] as number;
  if (first === QUOTE) return skipString(bytes, at, end);
  if (first === MINUS || isDigit(first)) return skipNumber(bytes, at, end);
  const literal = LITERALS.get(first);
  if (literal === undefined || at + literal.length > end) return -1;
  for (let i = 1; i < literal.length; i++) if (bytes[at + i] !== literal[i]) return -1;
  return at + literal.length;
}

/** Skips `"name"` and the colon after it, and the whitespace up to the member's value; -1 when they are not there. */
function skipMemberName(bytes: Uint8Array, at: number, end: number): number {
  if (at >= end || bytes[at] !== QUOTE) return -1;
  const afterName = skipString(bytes, at, end);
  if (afterName < 0) return -1;
  const colon = skipWhitespace(bytes, afterName, end);
  return colon < end && bytes[colon] === COLON ? skipWhitespace(bytes, colon + 1, end) : -1;
}

/** Skips the string that opens at `at`; -1 when it is unterminated, holds a control character or a bad escape. */
function skipString(bytes: Uint8Array, at: number, end: number): number {
  for (let i = at + 1; i < end; i++) {
    const byte = bytes[i] as number;
    if (byte === QUOTE) return i + 1;
    if (byte < SPACE) return -1;
    if (byte !== BACKSLASH) continue;
    if (++i >= end) return -1;
    const escaped = bytes[i] as number;
    if (escaped === UNICODE_ESCAPE) {
      if (i + 4 >= end) return -1;
      for (let digit = 0; digit < 4; digit++) if (!isHexDigit(bytes[++i] as number)) return -1;
    } else if (!SHORT_ESCAPES.has(escaped)) return -1;
  }
  return -1;
}

/** Skips `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`; -1 when the number is malformed. */
function skipNumber(bytes: Uint8Array, at: number, end: number): number {
  let i = bytes[at] === MINUS ? at + 1 : at;
  if (i < end && bytes[i] === ZERO) i++;
  else if (i < end && isDigit(bytes[i] as number)) i = skipDigits(bytes, i, end);
  else return -1;
  if (i < end && bytes[i] === DOT) {
    if (i + 1 >= end || !isDigit(bytes[i + 1] as number)) return -1;
    i = skipDigits(bytes, i + 1, end);
  }
  if (i < end && (bytes[i] === LOWER_E || bytes[i] === UPPER_E)) {
    i++;
    if (i < end && (bytes[i] === PLUS || bytes[i] === MINUS)) i++;
    if (i >= end || !isDigit(bytes[i] as number)) return -1;
    i = skipDigits(bytes, i, end);
  }
  return i;
}

function skipDigits(bytes: Uint8Array, at: number, end: number): number {
  let i = at;
  while (i < end && isDigit(bytes[i] as number)) i++;
  return i;
}

/** Skips the four whitespace characters of JSON; the index of the next other byte, or `end`. */
function skipWhitespace(bytes: Uint8Array, at: number, end: number): number {
  let i = at;
  while (i < end) {
    const byte = bytes[i] as number;
    if (byte !== SPACE && byte !== LINE_FEED && byte !== CARRIAGE_RETURN && byte !== TAB) return i;
    i++;
  }
  return i;
}

function isDigit(byte: number): boolean {
  return byte >= ZERO && byte <= NINE;
}

function isHexDigit(byte: number): boolean {
  const lower = byte | 0x20;
  return isDigit(byte) || (lower >= 0x61 && lower <= 0x66);
}
