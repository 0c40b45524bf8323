/**
 * The one place that formats, checks and digests API key values. Everything else calls it.
 *
 * Format: `knouds_live_` + 32 random base62 characters + 6 base62 characters of CRC-32 over
 * the random part. The checksum lets a mistyped or forged key be refused without a store
 * lookup; the digest (HMAC-SHA-256 under the server secret) is all that is ever stored.
 */
import { createHmac, createSecretKey, randomBytes, type KeyObject } from "node:crypto";
import { crc32 } from "node:zlib";

export const KEY_PREFIX = "knouds_live_";
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_LENGTH = 32;
const CHECKSUM_LENGTH = 6;
/** Characters of the random part kept for display (`knouds_live_` + start + `…`). */
export const DISPLAY_START_LENGTH = 4;
/** Characters of a full key value (all ASCII). */
export const KEY_VALUE_LENGTH = KEY_PREFIX.length + RANDOM_LENGTH + CHECKSUM_LENGTH;
const KEY_PATTERN = new RegExp(`^${KEY_PREFIX}[0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}}$`);

/**
 * What a secret scanner should look for: the prefix, then exactly the random part and checksum
 * in base62, not run on into more word characters. The checksum cannot be put in a regex;
 * `check-key` confirms a hit offline. docs/keys.md#secret-scanning's GitHub custom pattern and gitleaks rule are this.
 */
export const SECRET_SCANNING_PATTERN = `${KEY_PREFIX}[0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}}`;

function checksumOf(random: string): string {
  let n = crc32(random);
  let out = "";
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

export interface NewKeyValue {
  /** The full secret: returned to the creator once, never stored or logged. */
  value: string;
  /** The first few random characters, safe to store and show. */
  start: string;
}

/** Bytes at or above this are skipped: 248 = 4 × 62, so `byte % 62` stays uniform. */
const UNBIASED_BELOW = 256 - (256 % BASE62.length);
/** 3% of bytes are skipped, so 48 bytes almost always give the 32 characters in one draw. */
const BYTES_PER_DRAW = 48;

/**
 * RANDOM_LENGTH uniform base62 characters from the CSPRNG by rejection sampling, drawn when the
 * key is made: no key material is kept in memory for later keys.
 */
function randomBase62(): string {
  let random = "";
  while (random.length < RANDOM_LENGTH) {
    for (const byte of randomBytes(BYTES_PER_DRAW)) {
      if (byte < UNBIASED_BELOW && random.length < RANDOM_LENGTH) random += BASE62[byte % BASE62.length];
    }
  }
  return random;
}

export function generateKeyValue(): NewKeyValue {
  const random = randomBase62();
  return { value: KEY_PREFIX + random + checksumOf(random), start: random.slice(0, DISPLAY_START_LENGTH) };
}

/** True when the value has the right shape and checksum. Pure; touches no store. */
export function isWellFormedKey(value: string): boolean {
  if (!KEY_PATTERN.test(value)) return false;
  const body = value.slice(KEY_PREFIX.length);
  const random = body.slice(0, RANDOM_LENGTH);
  return body.slice(RANDOM_LENGTH) === checksumOf(random);
}

export type KeyShape =
  | { wellFormed: true }
  | { wellFormed: false; problem: "PREFIX" | "LENGTH" | "CHARACTERS" | "CHECKSUM"; message: string };

/** Why a value is or is not a well-formed key, for `check-key`. Never echoes the value. */
export function checkKeyShape(value: string): KeyShape {
  if (!value.startsWith(KEY_PREFIX)) {
    return { wellFormed: false, problem: "PREFIX", message: `does not start with ${KEY_PREFIX}` };
  }
  if (value.length !== KEY_VALUE_LENGTH) {
    return { wellFormed: false, problem: "LENGTH", message: `is ${value.length} characters long, not ${KEY_VALUE_LENGTH}` };
  }
  if (!KEY_PATTERN.test(value)) {
    return { wellFormed: false, problem: "CHARACTERS", message: "holds characters outside 0-9, A-Z and a-z after the prefix" };
  }
  if (!isWellFormedKey(value)) {
    return { wellFormed: false, problem: "CHECKSUM", message: "fails its checksum (mistyped, truncated or made up)" };
  }
  return { wellFormed: true };
}

/** The server secret as a KeyObject, made once: importing it again per call costs more than the HMAC. */
const secretKeys = new Map<string, KeyObject>();

/** The stored form of a key value: HMAC-SHA-256 under the server secret, hex. */
export function digestKey(value: string, secret: string): string {
  let key = secretKeys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, "utf8"));
    secretKeys.set(secret, key);
  }
  return createHmac("sha256", key).update(value).digest("hex");
}
