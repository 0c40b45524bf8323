/**
 * The JSON editor as a Preact component. CodeMirror comes in its own chunk, imported when the
 * component first mounts, so only the page that edits a definition downloads it.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { JsonEditor } from "./json-editor-view.js";

export type { JsonEditor, PathProblem } from "./json-editor-view.js";

export interface JsonEditorFieldProps {
  /** The visible label's text; also the editing area's accessible name. */
  label: string;
  /** The text when the editor mounts; later changes of the prop are ignored (the editor owns its text). */
  initialText: string;
  onChange: (text: string) => void;
  /** Receives the editor once it is ready, and null when it goes away. */
  editorRef: (editor: JsonEditor | null) => void;
}

export function JsonEditorField({ label, initialText, onChange, editorRef }: JsonEditorFieldProps) {
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");
  const latest = useRef({ onChange, editorRef });
  latest.current = { onChange, editorRef };

  // Mounted once: the editor owns its text from then on.
  useEffect(() => {
    let editor: JsonEditor | null = null;
    let gone = false;
    import("./json-editor-view.js").then(
      ({ mountJsonEditor }) => {
        if (gone || !host.current) return;
        editor = mountJsonEditor({ host: host.current, text: initialText, label, onChange: (text) => latest.current.onChange(text) });
        latest.current.editorRef(editor);
        setState("ready");
      },
      () => {
        if (!gone) setState("failed");
      },
    );
    return () => {
      gone = true;
      editor?.destroy();
      latest.current.editorRef(null);
    };
  }, []);

  return (
    <div class="wf-editor">
      {state === "loading" && <p class="wf-editor-status loading">Loading the editor…</p>}
      {state === "failed" && (
        <p class="wf-editor-status loading" role="alert">
          The editor could not be loaded. Check your connection and reload the page.
        </p>
      )}
      <div ref={host} class="wf-editor-host" />
    </div>
  );
}
