import type { ComponentChildren } from "preact";

/** A page's heading (its one h1), a line under it, its main actions, and its content. */
export function Page({
  title,
  intro,
  actions,
  children,
}: {
  title: string;
  intro?: ComponentChildren;
  actions?: ComponentChildren;
  children?: ComponentChildren;
}) {
  return (
    <>
      <div class="page-head">
        <div class="page-title">
          <h1>{title}</h1>
          {intro}
        </div>
        {actions && <div class="page-actions">{actions}</div>}
      </div>
      {children}
    </>
  );
}

/** What a list shows when it has nothing yet: what goes here and how to start. */
export function EmptyState({ title, children, action }: { title: string; children?: ComponentChildren; action?: ComponentChildren }) {
  return (
    <div class="empty">
      <p>
        <strong>{title}</strong>
      </p>
      {children && <p>{children}</p>}
      {action}
    </div>
  );
}
