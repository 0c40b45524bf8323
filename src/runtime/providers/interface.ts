/** A model the registry can run, whatever provides it. */
export interface ModelInfo {
  id: string;
  description: string;
  provider: "builtin" | "http";
  inputSchema: Record<string, unknown>;
  outputSchema: Record<string, unknown>;
}

export interface Model extends ModelInfo {
  /**
   * Runs once; throws ModelError with a message safe to show the caller. `runSignal()` gives
   * the run's deadline as an AbortSignal, made on first call (local models never need one).
   */
  run(inputs: Record<string, unknown>, runSignal: () => AbortSignal): Promise<Record<string, unknown>>;
}

/** A model failed in a way the caller should read in the run's `error`. */
export class ModelError extends Error {
  override name = "ModelError";
}
