/**
 * `npm run cli -- check-key [VALUE | -]`: says offline whether a value is a well-formed Knouds key
 * (prefix, length, alphabet, checksum). It reads no configuration and opens no database, so
 * it cannot say whether the key exists. Without VALUE (or with `-`) the value is read from
 * stdin, which keeps it out of shell history and the process list.
 * Exit codes: 0 well-formed, 1 not, 2 usage (an option, two values, or nothing on stdin).
 */
import { text } from "node:stream/consumers";
import { CLI } from "./cli/command-line.js";
import { checkKeyShape } from "./domain/keys.js";

export const CHECK_KEY_USAGE = "check-key [VALUE | -]   (offline; without VALUE, reads it from stdin)";

export async function checkKeyCommand(args: string[], input: NodeJS.ReadableStream = process.stdin): Promise<number> {
  const option = args.find((arg) => arg.startsWith("-") && arg !== "-");
  if (args.length > 1 || option !== undefined) {
    // A key never starts with "-": this is an option check-key does not have.
    if (option !== undefined)
      console.error(`unknown option ${option}; check-key takes the key as its one argument, or reads it from stdin`);
    console.error(`usage: ${CLI} ${CHECK_KEY_USAGE}`);
    return 2;
  }
  const fromStdin = args.length === 0 || args[0] === "-";
  if (fromStdin && process.stdin.isTTY) console.error("Paste the key, then press Enter and Ctrl-D:");
  const value = (fromStdin ? await text(input) : args[0]!).trim();
  if (fromStdin && value === "") {
    console.error(
      `nothing on stdin: pipe the key in (npm run --silent cli -- check-key < key.txt) or give it as the argument (${CLI} check-key VALUE)`,
    );
    return 2;
  }
  const shape = checkKeyShape(value);
  if (shape.wellFormed) {
    console.log("well-formed: prefix, length, characters and checksum are right (offline check: whether the key exists was not looked up)");
    return 0;
  }
  console.log(`not a well-formed Knouds key: it ${shape.message}`);
  return 1;
}
