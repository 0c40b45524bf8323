/**
 * Stored JSON in answers (workflow definitions, run inputs and outputs, model schemas) is counted
 * as it is answered: one request gets at most ANSWER_JSON_BYTES of it (or the body limit, when
 * that is larger, so any one run's inputs can be read back). Past that the field is refused with
 * BAD_USER_INPUT, so a page of large definitions can never build an answer of hundreds of MB,
 * whatever size each one may have.
 */
import { KnoudsError } from "../domain/errors.js";
import type { GraphQLContext } from "./context.js";

export const ANSWER_JSON_BYTES = 4 * 1024 * 1024;

/** Bytes of stored JSON one request may answer. */
export function answerJsonBudget(ctx: GraphQLContext): number {
  return Math.max(ANSWER_JSON_BYTES, ctx.services.config.bodyLimitBytes);
}

/** `value`, counted against the request's budget; BAD_USER_INPUT once the budget is spent. */
export function answerJson<T>(ctx: GraphQLContext, value: T): T {
  const budget = answerJsonBudget(ctx);
  if (ctx.answerJsonBytes > budget) throw tooLarge(budget);
  ctx.answerJsonBytes += value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value) ?? "null");
  if (ctx.answerJsonBytes > budget) throw tooLarge(budget);
  return value;
}

function tooLarge(budget: number): KnoudsError {
  const message =
    `This answer would hold more than ${budget} bytes of stored JSON (definitions, run inputs and outputs): ` +
    "ask for fewer items (first) or leave those fields out";
  return KnoudsError.invalidInput([{ path: "", message }], message);
}
