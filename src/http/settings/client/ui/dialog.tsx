/**
 * Modal dialogs on the native <dialog> element (showModal): the rest of the page is inert while
 * it is open, so Tab stays inside, and Escape closes it. Focus goes to the first field (or
 * `initialFocus`) on open and back to what had it before when it closes.
 */
import type { ComponentChildren, RefObject } from "preact";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import { errorMessage } from "../api.js";
import { Button } from "./button.js";

export interface DialogProps {
  title: ComponentChildren;
  /** Called once the dialog has closed, by a button, Escape or the parent. */
  onClose: () => void;
  children: ComponentChildren;
  class?: string;
  /** The element to focus first; else the first input, select or textarea, else the first button. */
  initialFocus?: RefObject<HTMLElement>;
}

export function Dialog({ title, onClose, children, class: extra, initialFocus }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const close = useRef(onClose);
  close.current = onClose;
  // Set when the parent removes the dialog: the `close` event that follows is not news to it.
  const gone = useRef(false);
  useEffect(() => {
    const dialog = ref.current!;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    const first =
      initialFocus?.current ??
      dialog.querySelector<HTMLElement>("input:not([type=hidden]):not([disabled]), select, textarea") ??
      dialog.querySelector<HTMLElement>("button");
    first?.focus();
    return () => {
      gone.current = true;
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      class={extra}
      aria-labelledby={titleId}
      onClose={() => {
        if (!gone.current) close.current();
      }}
      onCancel={(event) => {
        // Escape: close through the parent, so that its state and the page agree.
        event.preventDefault();
        if (!gone.current) close.current();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}

export interface ConfirmDialogProps {
  title: string;
  message: ComponentChildren;
  confirmLabel: string;
  /** Runs on confirm; its error is shown in the dialog, which stays open. */
  action: () => Promise<void>;
  /** `done` is true when confirmed and the action succeeded. */
  onClose: (done: boolean) => void;
  danger?: boolean;
}

/** Asks before something irreversible; focus starts on Cancel. */
export function ConfirmDialog({ title, message, confirmLabel, action, onClose, danger = true }: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  return (
    <Dialog title={title} onClose={() => onClose(false)} initialFocus={cancel}>
      <p>{message}</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="button" ref={cancel} onClick={() => onClose(false)}>
          Cancel
        </button>
        <Button
          variant={danger ? "danger" : "primary"}
          busy={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              await action();
              onClose(true);
            } catch (failure) {
              setError(errorMessage(failure));
              setBusy(false);
            }
          }}
        >
          {confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
