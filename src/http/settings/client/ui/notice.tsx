/** Messages: <Notice> in the page, and showToast(msg) for a short message at the bottom of the screen. */
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";

export function Notice({ kind = "info", children }: { kind?: "info" | "error" | "warning" | "success"; children: ComponentChildren }) {
  return (
    <div class={`notice notice-${kind}`} role={kind === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}

type ToastListener = (message: string) => void;
const toastListeners = new Set<ToastListener>();

/** Shows `message` for a few seconds in the app's status region (read out by screen readers). */
export function showToast(message: string): void {
  for (const listener of toastListeners) listener(message);
}

/** The one place toasts appear; app.tsx renders it once. */
export function ToastRegion() {
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const listener = (text: string) => {
      setMessage(text);
      clearTimeout(timer);
      timer = setTimeout(() => setMessage(null), 5000);
    };
    toastListeners.add(listener);
    return () => {
      clearTimeout(timer);
      toastListeners.delete(listener);
    };
  }, []);
  return (
    <div class="toast-region" role="status" aria-live="polite">
      {message && <p class="toast">{message}</p>}
    </div>
  );
}
