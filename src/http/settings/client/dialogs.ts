/** Modal dialogs on the native <dialog> element: focus trapping and Escape come with it. */
import { h } from "./dom.js";

/** Opens a modal; the element is removed from the page when it closes, taking its contents with it. */
export function openDialog(labelledBy: string, ...content: Node[]): HTMLDialogElement {
  const dialog = h("dialog", { "aria-labelledby": labelledBy });
  dialog.append(...content);
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}

/** Asks before something irreversible; resolves true when confirmed and `action` succeeded. */
export function confirmDialog(options: {
  title: string;
  message: string;
  confirmLabel: string;
  action: () => Promise<void>;
}): Promise<boolean> {
  return new Promise((resolve) => {
    const error = h("p", { class: "error", role: "alert", hidden: true });
    const cancel = h("button", { type: "button" }, "Cancel");
    const confirm = h("button", { type: "button", class: "danger" }, options.confirmLabel);
    const dialog = openDialog(
      "confirm-title",
      h("h2", { id: "confirm-title" }, options.title),
      h("p", {}, options.message),
      error,
      h("div", { class: "actions" }, cancel, confirm),
    );
    let confirmed = false;
    cancel.addEventListener("click", () => dialog.close());
    confirm.addEventListener("click", async () => {
      confirm.disabled = true;
      error.hidden = true;
      try {
        await options.action();
        confirmed = true;
        dialog.close();
      } catch (failure) {
        error.textContent = failure instanceof Error ? failure.message : "Something went wrong.";
        error.hidden = false;
        confirm.disabled = false;
      }
    });
    dialog.addEventListener("close", () => resolve(confirmed));
    cancel.focus();
  });
}
