/**
 * The run form's controls, one per field of schema-form.ts: text, select, number, checkbox,
 * list (rows added and removed), group (a fieldset) and JSON. The form does not validate: the
 * server does, and each of its problems is shown under the field it names, wired to the
 * control with aria-describedby.
 */
import type { ComponentChildren } from "preact";
import { Button, Field } from "../ui/index.js";
import { type FieldPath, type Field as FormField, type FormValue, initialValue, pathKey } from "./schema-form.js";

export interface InputFormProps {
  fields: readonly FormField[];
  values: Record<string, FormValue>;
  onChange: (values: Record<string, FormValue>) => void;
  /** The server's (or the JSON fields') problems by field: problemsByField. */
  problems: ReadonlyMap<string, string[]>;
}

/** A control's id from its path: stable, and safe whatever the property names are. */
export function controlId(path: FieldPath): string {
  return `wf-in-${path.map((segment) => String(segment).replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)).join("-") || "all"}`;
}

function setIn(value: FormValue | undefined, path: FieldPath, next: FormValue): FormValue {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  if (typeof head === "number") {
    const list = Array.isArray(value) ? [...value] : [];
    list[head] = setIn(list[head], rest, next);
    return list;
  }
  const object = typeof value === "object" && value !== null && !Array.isArray(value) ? { ...value } : {};
  object[head!] = setIn(object[head!], rest, next);
  return object;
}

export function InputForm({ fields, values, onChange, problems }: InputFormProps) {
  const change = (path: FieldPath, next: FormValue) => onChange(setIn(values, path, next) as Record<string, FormValue>);
  return (
    <div class="wf-form-fields">
      {fields.map((field) => (
        <Control
          key={field.name}
          field={field}
          path={field.name === "" ? [] : [field.name]}
          value={values[field.name]}
          change={change}
          problems={problems}
        />
      ))}
    </div>
  );
}

interface ControlProps {
  field: FormField;
  path: FieldPath;
  value: FormValue | undefined;
  change: (path: FieldPath, next: FormValue) => void;
  problems: ReadonlyMap<string, string[]>;
  /** A list row's label ("Tags 2"), replacing the field's own. */
  rowLabel?: string;
}

function hintsOf(field: FormField): string[] {
  return [...(field.required ? ["Required."] : []), ...(field.hint ? [field.hint] : [])];
}

function Control({ field, path, value, change, problems, rowLabel }: ControlProps) {
  const id = controlId(path);
  const error = problems.get(pathKey(path))?.join("; ") ?? null;
  const label = rowLabel ?? field.label;
  const hints = rowLabel ? [] : hintsOf(field);
  const text = typeof value === "string" ? value : "";
  const required = field.required ? "true" : undefined;
  switch (field.kind) {
    case "text":
      return (
        <Field label={label} hints={hints} error={error} id={id}>
          {(props) =>
            !rowLabel && (field.maxLength === undefined || field.maxLength >= 1000) ? (
              <textarea {...props} rows={3} aria-required={required} value={text} onInput={(e) => change(path, e.currentTarget.value)} />
            ) : (
              <input {...props} type="text" aria-required={required} value={text} onInput={(e) => change(path, e.currentTarget.value)} />
            )
          }
        </Field>
      );
    case "select":
      return (
        <Field label={label} hints={hints} error={error} id={id}>
          {(props) => (
            <select {...props} aria-required={required} value={text} onChange={(e) => change(path, e.currentTarget.value)}>
              {(field.default === undefined || !field.required) && <option value="">{field.required ? "Choose…" : "(none)"}</option>}
              {field.options.map((option) => (
                <option key={option.label} value={JSON.stringify(option.value)}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      );
    case "number":
      return (
        <Field label={label} hints={hints} error={error} id={id}>
          {(props) => (
            <input
              {...props}
              type="number"
              inputMode={field.integer ? "numeric" : "decimal"}
              step={field.integer ? 1 : "any"}
              min={field.min}
              max={field.max}
              aria-required={required}
              value={text}
              onInput={(e) => change(path, e.currentTarget.value)}
            />
          )}
        </Field>
      );
    case "checkbox": {
      const described = [...(error ? [`${id}-error`] : []), ...hints.map((_, i) => `${id}-hint-${i}`)].join(" ");
      return (
        <div class="field wf-check">
          <input
            type="checkbox"
            id={id}
            checked={value === true}
            aria-describedby={described || undefined}
            aria-invalid={error ? "true" : undefined}
            onChange={(e) => change(path, e.currentTarget.checked)}
          />
          <label for={id}>{label}</label>
          {error && (
            <p id={`${id}-error`} class="field-error">
              {error}
            </p>
          )}
          {hints.map((hint, i) => (
            <small id={`${id}-hint-${i}`} key={hint}>
              {hint}
            </small>
          ))}
        </div>
      );
    }
    case "list": {
      const rows = Array.isArray(value) ? value : [];
      const full = field.maxItems !== undefined && rows.length >= field.maxItems;
      return (
        <Group id={id} label={label} hints={hints} error={error}>
          {rows.length === 0 && <p class="wf-list-empty">No items.</p>}
          {rows.map((row, index) => (
            <div class="wf-list-row" key={index}>
              <Control
                field={field.item}
                path={[...path, index]}
                value={row}
                change={change}
                problems={problems}
                rowLabel={`${label} ${index + 1}`}
              />
              <Button
                size="small"
                aria-label={`Remove ${label} ${index + 1}`}
                onClick={() =>
                  change(
                    path,
                    rows.filter((_, other) => other !== index),
                  )
                }
              >
                Remove
              </Button>
            </div>
          ))}
          <Button size="small" disabled={full} onClick={() => change(path, [...rows, initialValue(field.item)])}>
            Add to {label}
          </Button>
        </Group>
      );
    }
    case "group":
      return (
        <Group id={id} label={label} hints={hints} error={error}>
          {field.fields.map((child) => {
            const object = typeof value === "object" && value !== null && !Array.isArray(value) ? value : {};
            return (
              <Control
                key={child.name}
                field={child}
                path={[...path, child.name]}
                value={object[child.name]}
                change={change}
                problems={problems}
              />
            );
          })}
        </Group>
      );
    case "json":
      return (
        <Field label={label} hints={hints} error={error} id={id}>
          {(props) => (
            <textarea
              {...props}
              class="wf-json"
              rows={path.length === 0 ? 8 : 4}
              spellcheck={false}
              autocapitalize="off"
              aria-required={required}
              value={text}
              onInput={(e) => change(path, e.currentTarget.value)}
            />
          )}
        </Field>
      );
  }
}

/** A fieldset for a list or a group, its problems and hints tied to it. */
function Group({
  id,
  label,
  hints,
  error,
  children,
}: {
  id: string;
  label: string;
  hints: string[];
  error: string | null;
  children: ComponentChildren;
}) {
  const described = [...(error ? [`${id}-error`] : []), ...hints.map((_, i) => `${id}-hint-${i}`)].join(" ");
  return (
    <fieldset class="wf-group" id={id} aria-describedby={described || undefined}>
      <legend>{label}</legend>
      {error && (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      )}
      {hints.map((hint, i) => (
        <small id={`${id}-hint-${i}`} key={hint}>
          {hint}
        </small>
      ))}
      {children}
    </fieldset>
  );
}
