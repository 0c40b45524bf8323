import { randomInt } from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** A new opaque id such as `acc_8f3k2m…`: a readable kind prefix plus 20 random characters. */
export function newId(kind: "acc" | "key" | "run"): string {
  let out = `${kind}_`;
  for (let i = 0; i < 20; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}
