import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/**
 * A new opaque id such as `run_mhx2k9q0a7f3k2m9x1c4b8`: a readable kind prefix, the creation
 * time (base 36, fixed width) and 12 random characters. Time first keeps ids in insertion
 * order, so stores append to their primary-key index instead of splitting pages at random.
 */
export function newId(kind: "acc" | "key" | "run" | "evt"): string {
  return `${kind}_${timePart()}${randomCharacters()}`;
}

const RANDOM_CHARACTERS = 12;
// One getrandom call per 4 KiB of random characters instead of one per id (ids are made on
// every run), and one slice per id rather than a string built a character at a time. Ids are
// not secrets, so characters waiting here for later ids expose nothing (key values, which are,
// draw their own bytes: keys.ts).
let pool = "";
let offset = 0;

const ALPHABET_CODES = Buffer.from(ALPHABET, "latin1");

function randomCharacters(): string {
  if (offset + RANDOM_CHARACTERS > pool.length) {
    // Mapped in place and decoded once: building the 4,096 characters one string concatenation
    // at a time cost about 1.7k instructions per id.
    const bytes = randomBytes(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = ALPHABET_CODES[bytes[i]! % ALPHABET.length]!;
    pool = bytes.toString("latin1");
    offset = 0;
  }
  offset += RANDOM_CHARACTERS;
  return pool.slice(offset - RANDOM_CHARACTERS, offset);
}

// Base 36 of the same millisecond is worked out once.
let lastTime = -1;
let lastTimePart = "";

function timePart(): string {
  const now = Date.now();
  if (now !== lastTime) {
    lastTime = now;
    lastTimePart = now.toString(36).padStart(9, "0");
  }
  return lastTimePart;
}
