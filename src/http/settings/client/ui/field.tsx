/**
 * A labelled form control with its hints and the server's message about it, wired together:
 * the control gets `id`, `aria-describedby` (error first, then hints) and `aria-invalid`.
 */
import { cloneElement, type ComponentChildren, type VNode } from "preact";
import { useId } from "preact/hooks";

export interface ControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: "true";
}

export interface FieldProps {
  label: ComponentChildren;
  /** Hints under the control, each its own line. */
  hints?: ComponentChildren[];
  /** The message about this field (shown under the control, above the hints). */
  error?: string | null;
  /** The control's id; one is made up when omitted. */
  id?: string;
  class?: string;
  /** The control: an element (given the props) or a function of the props. */
  children: VNode | ((props: ControlProps) => ComponentChildren);
}

export function Field({ label, hints = [], error, id, class: extra, children }: FieldProps) {
  const made = useId();
  const controlId = id ?? `field-${made}`;
  const hintIds = hints.map((_, index) => `${controlId}-hint-${index}`);
  const errorId = `${controlId}-error`;
  const describedBy = [...(error ? [errorId] : []), ...hintIds].join(" ");
  const props: ControlProps = {
    id: controlId,
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
    ...(error ? { "aria-invalid": "true" } : {}),
  };
  return (
    <div class={extra ? `field ${extra}` : "field"}>
      <label for={controlId}>{label}</label>
      {typeof children === "function" ? children(props) : cloneElement(children, props)}
      {error && (
        <p id={errorId} class="field-error">
          {error}
        </p>
      )}
      {hints.map((hint, index) => (
        <small id={hintIds[index]} key={hintIds[index]}>
          {hint}
        </small>
      ))}
    </div>
  );
}
