import type { ButtonHTMLAttributes } from "preact";

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: "primary" | "danger" | "link" | "plain";
  size?: "small";
  /** Shown instead of the children, with the button disabled, while something runs. */
  busyLabel?: string;
  busy?: boolean;
};

/** A button; `type` defaults to "button" so that one inside a form submits only when asked to. */
export function Button({
  variant = "plain",
  size,
  busy,
  busyLabel,
  class: extra,
  type = "button",
  disabled,
  children,
  ...rest
}: ButtonProps) {
  const classes = [variant === "plain" ? "" : variant, size ?? "", typeof extra === "string" ? extra : ""].filter(Boolean).join(" ");
  return (
    <button type={type} class={classes || undefined} disabled={disabled || busy} aria-busy={busy ? "true" : undefined} {...rest}>
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}
