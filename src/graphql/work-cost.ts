/**
 * Static weights for the work a field's arguments make (domain/request-work.ts): the cost limit
 * refuses a document whose definitions or inputs, counted once per field that takes them (one
 * variable given to fifteen aliases counts fifteen times), weigh more than it allows.
 */
import { weighsArguments } from "./cost-declarations.js";

/** JSON characters of values already measured: one variable given to many fields is measured once. */
const measured = new WeakMap<object, number>();

function jsonChars(value: unknown): number {
  if (value === undefined) return 0;
  if (value === null || typeof value !== "object") return JSON.stringify(value)?.length ?? 0;
  let chars = measured.get(value);
  if (chars === undefined) {
    chars = JSON.stringify(value).length;
    measured.set(value, chars);
  }
  return chars;
}

/** Field options weighing the argument `name` at one unit per `charsPerUnit` characters of its JSON. */
export function weighsJsonArgument(name: string, charsPerUnit: number): { extensions: Record<string, unknown> } {
  return weighsArguments((args) => Math.floor(jsonChars(args[name]) / charsPerUnit));
}
