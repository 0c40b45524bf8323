/**
 * What "New workflow" starts from. The picture template is the docs' own example
 * (docs/workflows.md, `my-flow`): a prompt in, an SVG picture out. Each definition is accepted by
 * the server as it stands (test/http/settings/workflows-templates.test.ts creates and runs each).
 */

/** Where a step input or an output comes from (docs/workflows.md, "Workflow definitions"). */
export type Binding = { from: string } | { value: unknown };

export interface WorkflowDefinition {
  inputSchema: Record<string, unknown>;
  steps: Array<{ id: string; model: string; inputs: Record<string, Binding> }>;
  outputs: Record<string, Binding>;
}

export interface WorkflowTemplate {
  key: "picture" | "text" | "blank";
  /** What the template picker shows. */
  title: string;
  summary: string;
  /** The suggested slug, name and description of the new workflow. */
  slug: string;
  name: string;
  description: string;
  definition: WorkflowDefinition;
}

export const WORKFLOW_TEMPLATES: readonly WorkflowTemplate[] = [
  {
    key: "picture",
    title: "Picture from a prompt",
    summary: "A prompt in, an SVG picture out (knouds/svg-image). The example the docs call as my-flow.",
    slug: "my-flow",
    name: "Picture from a prompt",
    description: "Draws a landscape for a prompt.",
    definition: {
      inputSchema: {
        type: "object",
        required: ["prompt"],
        properties: {
          prompt: { type: "string", title: "Prompt", description: "What to draw, e.g. a mountain at dusk.", minLength: 1, maxLength: 2000 },
        },
        additionalProperties: false,
      },
      steps: [{ id: "draw", model: "knouds/svg-image", inputs: { prompt: { from: "input.prompt" } } }],
      outputs: { image: { from: "steps.draw.svg" } },
    },
  },
  {
    key: "text",
    title: "Text from a template",
    summary: "Fills a text template with the inputs (knouds/template): a choice, a name and a number.",
    slug: "invitation",
    name: "Invitation",
    description: "Writes an invitation from a guest's name, the occasion and the seats kept.",
    definition: {
      inputSchema: {
        type: "object",
        required: ["guest", "occasion"],
        properties: {
          guest: { type: "string", title: "Guest", description: "Who the invitation is for.", minLength: 1, maxLength: 200 },
          occasion: { type: "string", title: "Occasion", enum: ["dinner", "birthday party", "launch"], default: "dinner" },
          seats: { type: "integer", title: "Seats", description: "How many seats to keep.", minimum: 1, maximum: 20, default: 2 },
        },
        additionalProperties: false,
      },
      steps: [
        {
          id: "write",
          model: "knouds/template",
          inputs: {
            template: { value: "Dear {{guest}}, you are invited to our {{occasion}}. We are keeping {{seats}} seats for you." },
            values: { from: "input" },
          },
        },
      ],
      outputs: { text: { from: "steps.write.text" } },
    },
  },
  {
    key: "blank",
    title: "Blank",
    summary: "One text input passed through unchanged (knouds/echo): a start to edit into your own.",
    slug: "my-workflow",
    name: "My workflow",
    description: "",
    definition: {
      inputSchema: {
        type: "object",
        required: ["text"],
        properties: { text: { type: "string", title: "Text" } },
        additionalProperties: false,
      },
      steps: [{ id: "echo", model: "knouds/echo", inputs: { text: { from: "input.text" } } }],
      outputs: { text: { from: "steps.echo.text" } },
    },
  },
];

/** The template of that key; the first (the docs' example) for an unknown one. */
export function templateFor(key: string | null | undefined): WorkflowTemplate {
  return WORKFLOW_TEMPLATES.find((template) => template.key === key) ?? WORKFLOW_TEMPLATES[0]!;
}
