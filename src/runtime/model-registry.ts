/**
 * The model registry: the built-ins plus the models named in KNOUDS_MODELS_FILE. Input and
 * output validators are compiled once here.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { InputProblem } from "../domain/errors.js";
import type { PageRequest } from "../domain/pages.js";
import { compileValidator, type Validator } from "./json-schema.js";
import { BUILTIN_MODELS } from "./providers/builtin.js";
import { httpModel } from "./providers/http.js";
import type { Model, ModelInfo } from "./providers/interface.js";

const jsonSchema = z.record(z.string(), z.unknown());

const ModelsFileSchema = z.object({
  models: z.array(
    z
      .object({
        id: z.string().regex(/^[a-z0-9-]+\/[a-z0-9._-]+$/, "model ids look like owner/name"),
        description: z.string().default(""),
        provider: z.literal("http"),
        url: z.url(),
        headers: z.record(z.string(), z.string()).default({}),
        timeoutMs: z.number().int().positive().max(600_000).default(30_000),
        retries: z.number().int().min(0).max(5).default(2),
        inputSchema: jsonSchema.default({ type: "object" }),
        outputSchema: jsonSchema.default({ type: "object" }),
      })
      .strict(),
  ),
});

/** `${NAME}` in header values comes from the environment, so tokens stay out of the file. */
function interpolate(value: string, env: NodeJS.ProcessEnv): string {
  return value.replace(/\$\{([A-Z0-9_]+)\}/g, (_m, name: string) => {
    const found = env[name];
    if (found === undefined) throw new Error(`models file refers to \${${name}}, which is not set`);
    return found;
  });
}

/** Reads and validates a models file; throws an Error naming the problem. */
export function loadModelsFile(file: string, env: NodeJS.ProcessEnv = process.env): Model[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`cannot read models file ${file}: ${error instanceof Error ? error.message : error}`);
  }
  const parsed = ModelsFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`invalid models file ${file}: ${problems}`);
  }
  return parsed.data.models.map(({ provider: _provider, headers, ...entry }) =>
    httpModel({
      ...entry,
      headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, interpolate(v, env)])),
    }),
  );
}

interface Entry {
  model: Model;
  checkInputs: Validator;
  checkOutputs: Validator;
  /** "any" when the output schema names no properties. */
  outputNames: readonly string[] | "any";
}

export class ModelRegistry {
  private readonly entries = new Map<string, Entry>();
  /** Ids in list order. */
  private readonly byId: readonly string[];

  constructor(models: readonly Model[]) {
    for (const model of models) {
      if (this.entries.has(model.id)) throw new Error(`model ${model.id} is registered twice`);
      const properties = model.outputSchema.properties as Record<string, unknown> | undefined;
      this.entries.set(model.id, {
        model,
        checkInputs: compileValidator(model.inputSchema, ""),
        checkOutputs: compileValidator(model.outputSchema, ""),
        outputNames: properties ? Object.keys(properties) : "any",
      });
    }
    this.byId = [...this.entries.keys()].sort();
  }

  static withBuiltins(extra: readonly Model[] = []): ModelRegistry {
    return new ModelRegistry([...BUILTIN_MODELS, ...extra]);
  }

  get(id: string): Model | null {
    return this.entries.get(id)?.model ?? null;
  }

  /** A page of the registry by id (the registry is in memory and its size the operator's). */
  list({ after, limit }: PageRequest<string>): ModelInfo[] {
    return this.byId
      .filter((id) => after === null || id > after)
      .slice(0, limit)
      .map((id) => {
        const { run: _run, ...info } = this.entries.get(id)!.model;
        return info;
      });
  }

  /** The declared output names of a model, or null when there is no such model. */
  outputNames(id: string): readonly string[] | "any" | null {
    return this.entries.get(id)?.outputNames ?? null;
  }

  checkInputs(id: string, inputs: unknown): InputProblem[] {
    return this.entries.get(id)?.checkInputs(inputs) ?? [{ path: "", message: `unknown model ${id}` }];
  }

  checkOutputs(id: string, outputs: unknown): InputProblem[] {
    return this.entries.get(id)?.checkOutputs(outputs) ?? [];
  }
}
