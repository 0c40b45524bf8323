/** A run's outputs, each shown by kind (output-kind.ts) with a copy button. */
import { CopyButton } from "../ui/index.js";
import { outputView, svgTitle } from "./output-kind.js";

export function Outputs({ outputs }: { outputs: unknown }) {
  const entries =
    typeof outputs === "object" && outputs !== null && !Array.isArray(outputs) ? Object.entries(outputs) : [["outputs", outputs] as const];
  if (entries.length === 0) return <p>The run succeeded with no outputs.</p>;
  return (
    <dl class="wf-outputs">
      {entries.map(([name, value]) => {
        const view = outputView(value);
        return (
          <div class="wf-output" key={name}>
            <dt>
              <span class="wf-output-name">{name}</span>
              <CopyButton size="small" text={view.copy} label={`Copy ${name}`} />
            </dt>
            <dd>
              {view.kind === "image" ? (
                <img class="wf-output-image" src={view.src} alt={(typeof value === "string" && svgTitle(value)) || `${name} (a picture)`} />
              ) : view.kind === "text" ? (
                <p class="wf-output-text">{view.text}</p>
              ) : (
                <pre class="wf-output-json">
                  <code>{view.text}</code>
                </pre>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
