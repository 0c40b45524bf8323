import { useState } from "preact/hooks";
import { Button, type ButtonProps } from "./button.js";

/** Copies `text` to the clipboard and says so beside the button ("Copied to the clipboard"). */
export function CopyButton({
  text,
  label = "Copy",
  ...rest
}: { text: string | (() => string); label?: string } & Omit<ButtonProps, "onClick">) {
  const [copied, setCopied] = useState(false);
  return (
    <>
      <Button
        {...rest}
        onClick={async () => {
          const value = typeof text === "function" ? text() : text;
          try {
            await navigator.clipboard.writeText(value);
          } catch {
            // No clipboard permission (an insecure origin): copy through a hidden selection.
            const area = document.createElement("textarea");
            area.value = value;
            area.setAttribute("readonly", "");
            area.className = "visually-hidden";
            document.body.append(area);
            area.select();
            document.execCommand("copy");
            area.remove();
          }
          setCopied(true);
        }}
      >
        {label}
      </Button>
      <span role="status" class="copy-status">
        {copied ? "Copied to the clipboard" : ""}
      </span>
    </>
  );
}
