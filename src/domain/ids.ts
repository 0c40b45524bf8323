import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/**
 * A new opaque id such as `run_mhx2k9q0a7f3k2m9x1c4b8`: a readable kind prefix, the creation
 * time (base 36, fixed width) and 12 random characters. Time first keeps ids in insertion
 * order, so stores append to their primary-key index instead of splitting pages at random.
 */
export function newId(kind: "acc" | "key" | "run" | "evt"): string {
  let out = `${kind}_${Date.now().toString(36).padStart(9, "0")}`;
  for (let i = 0; i < RANDOM_CHARACTERS; i++) out += ALPHABET[randomByte() % ALPHABET.length];
  return out;
}

const RANDOM_CHARACTERS = 12;
// One getrandom call per 4 KiB instead of one per id: ids are made on every run.
let pool = Buffer.alloc(0);
let offset = 0;

function randomByte(): number {
  if (offset >= pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  return pool[offset++]!;
}
