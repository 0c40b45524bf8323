/**
 * `knouds check-key [VALUE | -]`: says offline whether a value is a well-formed Knouds key
 * (prefix, length, alphabet, checksum). It reads no configuration and opens no database, so
 * it cannot say whether the key exists. Without VALUE (or with `-`) the value is read from
 * stdin, which keeps it out of shell history and the process list.
 * Exit codes: 0 well-formed, 1 not, 2 usage.
 */
import { text } from "node:stream/consumers";
import { checkKeyShape } from "./domain/keys.js";

export async function checkKeyCommand(args: string[], input: NodeJS.ReadableStream = process.stdin): Promise<number> {
  if (args.length > 1) {
    console.error("usage: knouds check-key [VALUE | -]   (without VALUE, reads it from stdin)");
    return 2;
  }
  const fromStdin = args.length === 0 || args[0] === "-";
  if (fromStdin && process.stdin.isTTY) console.error("Paste the key, then press Enter and Ctrl-D:");
  const value = (fromStdin ? await text(input) : args[0]!).trim();
  const shape = checkKeyShape(value);
  if (shape.wellFormed) {
    console.log("well-formed: prefix, length, characters and checksum are right (offline check: whether the key exists was not looked up)");
    return 0;
  }
  console.log(`not a well-formed Knouds key: it ${shape.message}`);
  return 1;
}
