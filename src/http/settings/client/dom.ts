/** A tiny element builder: text always goes in as text, never as HTML. */
type Child = Node | string | null | undefined | false;
type Attributes = Record<string, string | boolean | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") element.addEventListener(name.replace(/^on/, "").toLowerCase(), value);
    else if (value === true) element.setAttribute(name, "");
    else element.setAttribute(name, value);
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren(...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false));
}

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** A labelled input with hints under it and a place, beside it, for the server's message about it. */
export interface Field {
  element: HTMLDivElement;
  /** Shows `message` under the input and marks the input invalid; focus goes there first on submit. */
  showError(message: string): void;
  clearError(): void;
}

export function field(input: HTMLInputElement, label: string, ...hints: Child[]): Field {
  const hintIds: string[] = [];
  const hintElements = hints
    .filter((hint): hint is Node | string => hint !== null && hint !== undefined && hint !== false)
    .map((hint, index) => {
      const element = hint instanceof HTMLElement ? hint : h("small", {}, hint);
      element.id ||= `${input.id}-hint-${index}`;
      hintIds.push(element.id);
      return element;
    });
  const errorId = `${input.id}-error`;
  const error = h("p", { id: errorId, class: "field-error", hidden: true });
  input.setAttribute("aria-describedby", hintIds.join(" "));
  return {
    element: h("div", { class: "field" }, h("label", { for: input.id }, label), input, error, ...hintElements),
    showError(message) {
      error.textContent = message;
      error.hidden = false;
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", [errorId, ...hintIds].join(" "));
    },
    clearError() {
      error.hidden = true;
      error.textContent = "";
      input.removeAttribute("aria-invalid");
      input.setAttribute("aria-describedby", hintIds.join(" "));
    },
  };
}
