/** The frame of every signed-in page: the brand, the top navigation and the account menu. */
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { gql } from "./api.js";
import { SignOutPage } from "./operations.js";
import { planName } from "./plans.js";
import { Link } from "./router.js";
import { useSession } from "./session.js";

const NAV = [
  { href: "/workflows", label: "Workflows" },
  { href: "/runs", label: "Runs" },
  { href: "/settings/api-keys", label: "API keys" },
  { href: "/settings/security-log", label: "Security log" },
] as const;

function AccountMenu() {
  const { account } = useSession();
  const [open, setOpen] = useState(false);
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const outside = (event: Event) => {
      if (!menu.current?.contains(event.target as Node)) setOpen(false);
    };
    const onEscape = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        menu.current?.querySelector("button")?.focus();
      }
    };
    document.addEventListener("click", outside);
    document.addEventListener("keydown", onEscape);
    return () => {
      document.removeEventListener("click", outside);
      document.removeEventListener("keydown", onEscape);
    };
  }, [open]);
  return (
    <div class="account-menu" ref={menu}>
      <button
        type="button"
        class="account-button"
        aria-expanded={open ? "true" : "false"}
        aria-controls="account-panel"
        onClick={() => setOpen(!open)}
      >
        <span class="account-email">{account.email}</span>
        <span class={`badge tier-${account.tier}`}>{planName(account.tier)}</span>
      </button>
      <div id="account-panel" class="account-panel" hidden={!open}>
        <p>
          Signed in as <strong>{account.email}</strong>
        </p>
        <p>
          Handle <code>{account.handle}</code> · {planName(account.tier)} plan
        </p>
        <button
          type="button"
          class="link"
          onClick={async () => {
            await gql(SignOutPage).catch(() => undefined);
            location.assign("/sign-in");
          }}
        >
          Sign out
        </button>
      </div>
    </div>
  );
}

export function Shell({ section, children }: { section?: string; children: ComponentChildren }) {
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="top">
        <Link href="/workflows" class="brand">
          Knouds
        </Link>
        <nav class="top-nav" aria-label="Main">
          {NAV.map((item) => (
            <Link key={item.href} href={item.href} aria-current={section === item.href ? "page" : undefined}>
              {item.label}
            </Link>
          ))}
          <a href="/graphql" aria-label="GraphQL playground (uses this session)">
            Playground <span aria-hidden="true">↗</span>
          </a>
        </nav>
        <AccountMenu />
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
