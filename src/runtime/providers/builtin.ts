/**
 * Models that run in-process with nothing to download, so a fresh install can run real
 * workflows: echo, a text template renderer, a deterministic SVG image model, text stats.
 */
import { createHash } from "node:crypto";
import { ModelError, type Model } from "./interface.js";

const MAX_TEXT = 100_000;
/** Upper bound of what knouds/template renders (placeholders may repeat large values). */
const MAX_RENDERED_CHARS = 2 * MAX_TEXT;
const text = { type: "string", maxLength: MAX_TEXT } as const;

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A picture that depends only on the prompt and size: a sky gradient, hills, a sun. */
function renderSvg(prompt: string, width: number, height: number): string {
  const bytes = createHash("sha256").update(prompt).digest();
  const hue = (i: number) => Math.round((bytes[i]! / 255) * 360);
  const at = (i: number, span: number) => Math.round((bytes[i]! / 255) * span);
  const hills = [0, 1, 2]
    .map((n) => {
      const base = height * (0.6 + n * 0.12);
      const peak = base - at(4 + n, height * 0.35);
      return `<path d="M0 ${base} Q ${at(8 + n, width)} ${peak} ${width} ${base} L ${width} ${height} L 0 ${height} Z" fill="hsl(${hue(12 + n)} 45% ${30 + n * 12}%)"/>`;
    })
    .join("");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<title>${escapeXml(prompt)}</title>`,
    `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">`,
    `<stop offset="0" stop-color="hsl(${hue(0)} 70% 35%)"/><stop offset="1" stop-color="hsl(${hue(1)} 80% 75%)"/>`,
    `</linearGradient></defs>`,
    `<rect width="${width}" height="${height}" fill="url(#sky)"/>`,
    `<circle cx="${at(2, width)}" cy="${at(3, height / 2)}" r="${Math.max(8, at(20, Math.min(width, height) / 6))}" fill="hsl(${hue(21)} 90% 70%)"/>`,
    hills,
    `</svg>`,
  ].join("");
}

export const BUILTIN_MODELS: readonly Model[] = [
  {
    id: "knouds/echo",
    description: "Returns its text unchanged. Handy for wiring and tests.",
    provider: "builtin",
    inputSchema: { type: "object", required: ["text"], properties: { text }, additionalProperties: false },
    outputSchema: { type: "object", properties: { text: { type: "string" } } },
    async run(inputs) {
      return { text: inputs.text };
    },
  },
  {
    id: "knouds/template",
    description: "Renders a text template, replacing {{name}} with values[name].",
    provider: "builtin",
    inputSchema: {
      type: "object",
      required: ["template"],
      properties: {
        template: text,
        values: { type: "object", additionalProperties: { type: ["string", "number", "boolean"] } },
      },
      additionalProperties: false,
    },
    outputSchema: { type: "object", properties: { text: { type: "string" } } },
    async run(inputs) {
      const values = (inputs.values ?? {}) as Record<string, unknown>;
      // Each placeholder may repeat a large value: stop before the text outgrows the limit.
      let length = 0;
      const rendered = String(inputs.template).replace(/\{\{\s*([A-Za-z0-9_-]+)\s*\}\}/g, (_m, name: string) => {
        const value = Object.hasOwn(values, name) ? String(values[name]) : "";
        length += value.length;
        if (length > MAX_RENDERED_CHARS) {
          throw new ModelError(`knouds/template: the rendered text would exceed ${MAX_RENDERED_CHARS} characters`);
        }
        return value;
      });
      return { text: rendered };
    },
  },
  {
    id: "knouds/svg-image",
    description: "Draws a deterministic SVG landscape for a prompt (same prompt, same picture).",
    provider: "builtin",
    inputSchema: {
      type: "object",
      required: ["prompt"],
      properties: {
        prompt: { type: "string", minLength: 1, maxLength: 2000 },
        width: { type: "integer", minimum: 16, maximum: 4096, default: 512 },
        height: { type: "integer", minimum: 16, maximum: 4096, default: 512 },
      },
      additionalProperties: false,
    },
    outputSchema: {
      type: "object",
      properties: { svg: { type: "string" }, width: { type: "integer" }, height: { type: "integer" } },
    },
    async run(inputs) {
      const width = Number(inputs.width ?? 512);
      const height = Number(inputs.height ?? 512);
      return { svg: renderSvg(String(inputs.prompt), width, height), width, height };
    },
  },
  {
    id: "knouds/text-stats",
    description: "Counts characters, words, lines and sentences of a text.",
    provider: "builtin",
    inputSchema: { type: "object", required: ["text"], properties: { text }, additionalProperties: false },
    outputSchema: {
      type: "object",
      properties: {
        characters: { type: "integer" },
        words: { type: "integer" },
        lines: { type: "integer" },
        sentences: { type: "integer" },
      },
    },
    async run(inputs) {
      const value = String(inputs.text);
      const trimmed = value.trim();
      return {
        characters: [...value].length,
        words: trimmed === "" ? 0 : trimmed.split(/\s+/).length,
        lines: value === "" ? 0 : value.split(/\r?\n/).length,
        sentences: (trimmed.match(/[^.!?]+[.!?]+|[^.!?]+$/g) ?? []).length,
      };
    },
  },
];
