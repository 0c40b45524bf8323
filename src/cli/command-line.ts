/**
 * What every operator command shares: how it is invoked, reading its options (a misspelt one
 * gets the nearest real one suggested), and saying what went wrong in sentences, one line per
 * problem, exit code 2.
 */
import type { KnoudsError } from "../domain/errors.js";
import { nearest } from "./suggest.js";

/** How an operator runs the CLI from a checkout; on a deployed server, `node dist/src/cli.js` does the same without npm. */
export const CLI = "npm run cli --";
export const DEPLOYED_CLI = "node dist/src/cli.js";

/** Prints each line on stderr and exits 2 (the command was refused; nothing was changed). */
export function fail(...lines: string[]): never {
  for (const line of lines) console.error(line);
  process.exit(2);
}

/** A command's options: each takes a value (`string`) or is a switch (`boolean`). */
export type OptionSpec = Record<string, "string" | "boolean">;

/** The options given: a value option's text (undefined when absent), a switch's state. */
export interface Options {
  text(name: string): string | undefined;
  flag(name: string): boolean;
}

/**
 * Reads `args` as `command`'s options. Unknown options (with the nearest known one suggested),
 * missing values and stray arguments are refused, each on its own line, then the command's usage.
 */
export function parseOptions(command: string, args: string[], spec: OptionSpec, usage: string): Options {
  const known = Object.keys(spec);
  const values: Record<string, string | boolean> = {};
  const problems: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith("-") || arg === "-") {
      problems.push(`unexpected argument "${arg}": ${command} takes only options`);
      continue;
    }
    const equals = arg.indexOf("=");
    const rawName = equals === -1 ? arg : arg.slice(0, equals);
    const inline = equals === -1 ? undefined : arg.slice(equals + 1);
    const name = rawName.replace(/^--?/, "");
    const type = rawName.startsWith("--") ? spec[name] : undefined;
    if (type === undefined) {
      const near = nearest(name, known);
      problems.push(
        near
          ? `unknown option ${rawName}; did you mean --${near}?`
          : `unknown option ${rawName}; ${command} takes ${known.map((option) => `--${option}`).join(", ")}`,
      );
      // `--emial a@b.c`: the value belongs to the unknown option, not a second problem.
      if (inline === undefined && args[i + 1] !== undefined && !args[i + 1]!.startsWith("-")) i++;
    } else if (type === "boolean") {
      if (inline === undefined) values[name] = true;
      else problems.push(`${rawName} takes no value`);
    } else {
      // `--email --tier pro`: a value never starts with "--" unless written `--email=--…`.
      const value = inline ?? (args[i + 1]?.startsWith("--") ? undefined : args[++i]);
      if (value === undefined) problems.push(`${rawName} needs a value: ${rawName} ${name.toUpperCase()}`);
      else values[name] = value;
    }
  }
  if (problems.length > 0) fail(...problems, `usage: ${CLI} ${usage}`);
  return {
    text: (name) => (typeof values[name] === "string" ? values[name] : undefined),
    flag: (name) => values[name] === true,
  };
}

/**
 * A refusal from the services as sentences: one line per input problem, named by the option
 * that carried it (`labels` maps an input field to it), or the refusal's own message.
 */
export function refusalLines(error: KnoudsError, labels: Record<string, string> = {}): string[] {
  const details = error.facts.details ?? [];
  if (details.length > 0) return details.map((problem) => `${labels[problem.path] ?? (problem.path || "input")}: ${problem.message}`);
  return [/[.!?]$/.test(error.message) ? error.message : `${error.message}.`];
}
