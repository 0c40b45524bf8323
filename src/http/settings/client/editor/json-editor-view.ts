/**
 * The JSON editor: CodeMirror 6 with JSON highlighting, line numbers, bracket matching, undo
 * and lint markers. Only the edit page loads this module (a chunk of its own, see
 * docs/architecture.md#the-json-editor).
 *
 * The page's CSP (`style-src 'self'`) refuses <style> elements, and CodeMirror's style-mod
 * writes one into a document's <head>. Inside a shadow root it uses a constructable stylesheet
 * (`adoptedStyleSheets`) instead, which CSP does not govern, so the editor lives in a shadow
 * root on its host element. test/e2e/browser-workflow-edit.test.ts checks that no
 * `securitypolicyviolation` fires.
 *
 * Keyboard: Tab is not captured (no indentWithTab), so Tab and Shift-Tab move to the next and
 * previous control; Ctrl/Cmd-] and Ctrl/Cmd-[ indent and dedent; Enter keeps the indentation.
 */
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { json } from "@codemirror/lang-json";
import { bracketMatching, defaultHighlightStyle, foldGutter, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { type Diagnostic, forceLinting, lintGutter, lintKeymap, linter } from "@codemirror/lint";
import { EditorState, StateEffect, StateField } from "@codemirror/state";
import { EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from "@codemirror/view";
import { locateInTree, scanJson } from "./json-path.js";

/** A problem the server reported, by its path (BAD_USER_INPUT details). */
export interface PathProblem {
  path: string;
  message: string;
}

export interface JsonEditorOptions {
  /** The element the editor's shadow root is attached to; it must be empty and have no shadow root yet. */
  host: HTMLElement;
  text: string;
  /** The accessible name of the editing area. */
  label: string;
  onChange: (text: string) => void;
}

export interface JsonEditor {
  text(): string;
  /** Shows the server's problems as lint markers, each at the place its path points to in the current text. */
  showProblems(problems: readonly PathProblem[]): void;
  /** Selects what `path` points to (or its nearest parent; a syntax error when the text is not JSON), scrolls to it and focuses the editor. */
  reveal(path: string): void;
  /** Puts the cursor at `offset`, scrolls to it and focuses the editor. */
  revealOffset(offset: number): void;
  destroy(): void;
}

const setProblems = StateEffect.define<readonly PathProblem[]>();

/** The server's last answer: kept by path, so edits never leave a marker on the wrong characters. */
const serverProblems = StateField.define<readonly PathProblem[]>({
  create: () => [],
  update: (value, transaction) => {
    for (const effect of transaction.effects) if (effect.is(setProblems)) return effect.value;
    return value;
  },
});

/** Local syntax errors first (they block saving); then the server's problems, relocated in the current text. */
function diagnose(view: EditorView): Diagnostic[] {
  const text = view.state.doc.toString();
  const scan = scanJson(text);
  if (!scan.ok) {
    const to = Math.min(Math.max(scan.to, scan.from + 1), text.length);
    return [{ from: Math.min(scan.from, to), to, severity: "error", source: "JSON", message: scan.message }];
  }
  return view.state.field(serverProblems).map((problem) => {
    const target = locateInTree(scan.root, problem.path);
    const where = target.missing.length > 0 ? ` (${target.missing.join(".")} is missing here)` : "";
    return { from: target.from, to: target.to, severity: "error", source: "server", message: `${problem.message}${where}` };
  });
}

const theme = EditorView.theme({
  "&": { border: "1px solid #8a93a0", borderRadius: "6px", backgroundColor: "#fff", fontSize: "14px" },
  "&.cm-focused": { outline: "2px solid #1f5fbf", outlineOffset: "1px" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", minHeight: "16em", maxHeight: "60vh" },
  ".cm-gutters": { backgroundColor: "#f3f4f6", color: "#4b5563", borderRight: "1px solid #d1d5db" },
  ".cm-activeLineGutter": { backgroundColor: "#e5e7eb" },
  ".cm-activeLine": { backgroundColor: "#f5f8ff" },
});

export function mountJsonEditor(options: JsonEditorOptions): JsonEditor {
  const shadow = options.host.attachShadow({ mode: "open" });
  const view = new EditorView({
    root: shadow,
    parent: shadow,
    state: EditorState.create({
      doc: options.text,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        foldGutter(),
        lintGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        EditorView.lineWrapping,
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        json(),
        serverProblems,
        linter(diagnose, {
          delay: 300,
          needsRefresh: (update) => update.transactions.some((t) => t.effects.some((e) => e.is(setProblems))),
        }),
        keymap.of([...defaultKeymap, ...historyKeymap, ...lintKeymap]),
        // tabindex: already focusable as contenteditable; said so for checkers that look for it (axe's scrollable-region-focusable).
        EditorView.contentAttributes.of({ "aria-label": options.label, "aria-multiline": "true", tabindex: "0" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
        theme,
      ],
    }),
  });

  const select = (from: number, to: number) => {
    const length = view.state.doc.length;
    const anchor = Math.min(from, length);
    view.dispatch({ selection: { anchor, head: Math.min(to, length) }, effects: EditorView.scrollIntoView(anchor, { y: "center" }) });
    view.focus();
  };

  return {
    text: () => view.state.doc.toString(),
    showProblems(problems) {
      view.dispatch({ effects: setProblems.of(problems) });
      forceLinting(view);
    },
    reveal(path) {
      const scan = scanJson(view.state.doc.toString());
      const target = scan.ok ? locateInTree(scan.root, path) : { from: scan.from, to: scan.from };
      select(target.from, target.to);
    },
    revealOffset: (offset) => select(offset, offset),
    destroy: () => view.destroy(),
  };
}
