/**
 * The API Keys page's dialogs: Create key (name, scope capped by the plan, expiry), Rename,
 * Roll (grace picker), and the new value shown once after create or roll. Closing the value's
 * dialog takes the value off the page (it is never put in storage, and no later answer holds it).
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { errorMessage, gql } from "../api.js";
import { formatDateTime } from "../format.js";
import type { CreateApiKeyInput, KeyListQuery, Scope } from "../gql/graphql.js";
import { CreateKey, RenameKey, RollKey } from "../operations.js";
import { planName } from "../plans.js";
import type { Me } from "../session.js";
import { Button, Dialog, Field } from "../ui/index.js";

export type Key = KeyListQuery["apiKeys"]["edges"][number]["node"];

const PRESETS = [7, 30, 90] as const;
const DAY_MS = 86_400_000;

function ErrorLine({ message }: { message: string | null }) {
  return message ? (
    <p class="error" role="alert">
      {message}
    </p>
  ) : null;
}

/** The new value, once: copy it now. Whatever closes the dialog (Done, Escape), the value leaves the page with it. */
function RevealValue({ value, after, onDone }: { value: string; after?: string; onDone: () => void }) {
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);
  return (
    <>
      <p class="warning" role="alert">
        <strong>Copy this key now. </strong>You won't be able to see it again.
      </p>
      <label for="new-key-value">Your new API key</label>
      <div class="reveal">
        <input id="new-key-value" ref={field} type="text" readOnly spellcheck={false} autocomplete="off" value={value} />
        <Button
          variant="primary"
          onClick={async () => {
            const text = field.current?.value ?? "";
            try {
              await navigator.clipboard.writeText(text);
            } catch {
              field.current?.select();
              document.execCommand("copy");
            }
            setCopied(true);
          }}
        >
          Copy
        </Button>
      </div>
      <span role="status" class="copied">
        {copied ? "Copied to the clipboard" : ""}
      </span>
      {after && <p class="grace">{after}</p>}
      <p class="hint">
        Send it in the <code>x-api-key</code> header. Keep it out of source control.
      </p>
      <div class="actions">
        <button type="button" onClick={onDone}>
          Done
        </button>
      </div>
    </>
  );
}

function ScopeOption({ info, me, chosen }: { info: Me["scopes"][number]; me: Me; chosen: Scope }) {
  const account = me.viewer!.account;
  const allowed = account.allowedScopes.includes(info.scope);
  const id = `scope-${info.scope}`;
  const hint = allowed
    ? `${info.description}. ${info.requestsPerMinute.toLocaleString()} requests per minute.`
    : `Requires the ${planName(info.lowestTier)} plan or higher. You are on ${planName(account.tier)}.`;
  return (
    <div class={allowed ? "option" : "option disabled"}>
      <input
        type="radio"
        name="scope"
        id={id}
        value={info.scope}
        defaultChecked={info.scope === chosen}
        disabled={!allowed}
        aria-describedby={`${id}-hint`}
      />
      <label for={id}>
        <span class={`badge scope-${info.scope}`}>{info.scope}</span>
      </label>
      <small id={`${id}-hint`}>{hint}</small>
    </div>
  );
}

/** How to reach the scopes the plan does not allow, on a self-hosted server; null when none is out of reach. */
function HigherScopeNote({ me }: { me: Me }) {
  const account = me.viewer!.account;
  const highest = me.scopes.filter((info) => !account.allowedScopes.includes(info.scope)).at(-1);
  if (!highest) return null;
  return (
    <p class="hint">
      Need a higher scope? On a self-hosted Knouds server the operator changes your plan:{" "}
      <code>
        npm run cli -- set-tier --email {account.email} --tier {highest.lowestTier}
      </code>{" "}
      (or a platform admin, with setAccountTier).
    </p>
  );
}

/** `expiresInDays` for a preset, `expiresAt` (the end of that day, the browser's time zone) for a date. */
function expiryInput(choice: string, date: string): Pick<CreateApiKeyInput, "expiresInDays" | "expiresAt"> {
  if (choice === "never") return {};
  if (choice === "date") return { expiresAt: new Date(`${date}T23:59:59`).toISOString() };
  return { expiresInDays: Number(choice) };
}

/** `scope` is chosen at first (an allowed one, e.g. from /settings/api-keys?create=free); else the plan's ceiling. */
export function CreateKeyDialog({ me, scope, onClose }: { me: Me; scope?: Scope; onClose: (created: boolean) => void }) {
  const account = me.viewer!.account;
  const chosen = scope && account.allowedScopes.includes(scope) ? scope : account.scopeCeiling;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [expiry, setExpiry] = useState("never");
  const [created, setCreated] = useState<{ name: string; value: string } | null>(null);
  const tomorrow = new Date(Date.now() + DAY_MS).toISOString().slice(0, 10);
  const close = () => onClose(created !== null);
  if (created) {
    return (
      <Dialog title={`Key “${created.name}” created`} onClose={close}>
        <RevealValue value={created.value} onDone={close} />
      </Dialog>
    );
  }
  return (
    <Dialog title="Create an API key" onClose={close} class="keys-create">
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const data = new FormData(form);
          setBusy(true);
          setError(null);
          try {
            const answer = await gql(CreateKey, {
              input: {
                name: String(data.get("name") ?? ""),
                scope: (data.get("scope") ?? undefined) as Scope | undefined,
                ...expiryInput(String(data.get("expiry")), String(data.get("expiryDate") ?? "")),
              },
            });
            setCreated({ name: answer.createApiKey.apiKey.name, value: answer.createApiKey.value });
          } catch (failure) {
            setError(errorMessage(failure));
            setBusy(false);
          }
        }}
      >
        <div class="dialog-body">
          <Field id="key-name" label="Name" hints={["Say where it will be used, e.g. “CI deploys”."]}>
            <input name="name" type="text" required maxLength={100} autocomplete="off" />
          </Field>
          <fieldset class="scopes">
            <legend>Scope</legend>
            {me.scopes.map((info) => (
              <ScopeOption key={info.scope} info={info} me={me} chosen={chosen} />
            ))}
          </fieldset>
          <HigherScopeNote me={me} />
          <fieldset class="expiry">
            <legend>Expiry</legend>
            <div class="field">
              <label for="key-expiry">Expires</label>
              <div class="expiry-row">
                <select
                  id="key-expiry"
                  name="expiry"
                  value={expiry}
                  onChange={(event) => setExpiry(event.currentTarget.value)}
                  aria-describedby="key-expiry-hint"
                >
                  <option value="never">Never</option>
                  {PRESETS.map((days) => (
                    <option key={days} value={String(days)}>
                      In {days} days
                    </option>
                  ))}
                  <option value="date">On a date…</option>
                </select>
                {expiry === "date" && (
                  <input id="key-expiry-date" name="expiryDate" type="date" min={tomorrow} required aria-label="Expiry date" />
                )}
              </div>
              <small id="key-expiry-hint">An expired key answers 401 like a deleted one. You can roll a key before it expires.</small>
            </div>
          </fieldset>
          <ErrorLine message={error} />
        </div>
        <div class="actions dialog-footer">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <Button type="submit" variant="primary" busy={busy}>
            Create key
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export function RenameKeyDialog({ apiKey, onClose }: { apiKey: Key; onClose: (renamed: boolean) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.select(), []);
  return (
    <Dialog title={`Rename key “${apiKey.name}”`} onClose={() => onClose(false)} initialFocus={input}>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          setError(null);
          try {
            await gql(RenameKey, { id: apiKey.id, name: input.current!.value });
            onClose(true);
          } catch (failure) {
            setError(errorMessage(failure));
            setBusy(false);
          }
        }}
      >
        <div class="field">
          <label for="rename-name">New name</label>
          <input
            id="rename-name"
            ref={input}
            name="name"
            type="text"
            required
            maxLength={100}
            autocomplete="off"
            defaultValue={apiKey.name}
          />
        </div>
        <ErrorLine message={error} />
        <div class="actions">
          <button type="button" onClick={() => onClose(false)}>
            Cancel
          </button>
          <Button type="submit" variant="primary" busy={busy}>
            Rename
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

const GRACES: Array<[seconds: number, label: string]> = [
  [0, "Stop the old value now"],
  [3600, "1 hour"],
  [86_400, "24 hours"],
  [3 * 86_400, "3 days"],
  [7 * 86_400, "7 days"],
];

/** Roll: the key gets a new value (shown once); the old value works until the chosen grace ends. */
export function RollKeyDialog({ apiKey, onClose }: { apiKey: Key; onClose: (rolled: boolean) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [rolled, setRolled] = useState<{ name: string; value: string; graceEndsAt: string | null | undefined } | null>(null);
  const grace = useRef<HTMLSelectElement>(null);
  const close = () => onClose(rolled !== null);
  if (rolled) {
    const after = rolled.graceEndsAt
      ? `The old value keeps working until ${formatDateTime(rolled.graceEndsAt)}.`
      : "The old value no longer works.";
    return (
      <Dialog title={`Key “${rolled.name}” rolled`} onClose={close}>
        <RevealValue value={rolled.value} after={after} onDone={close} />
      </Dialog>
    );
  }
  return (
    <Dialog title={`Roll key “${apiKey.name}”`} onClose={close} initialFocus={grace}>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const answer = await gql(RollKey, { id: apiKey.id, graceSeconds: Number(grace.current!.value) });
            const { apiKey: key, value } = answer.rollApiKey;
            setRolled({ name: key.name, value, graceEndsAt: key.graceEndsAt });
          } catch (failure) {
            setError(errorMessage(failure));
            setBusy(false);
          }
        }}
      >
        <p>
          The key gets a new value; its name, scope and expiry stay. Until the grace period ends the old value{" "}
          <code>knouds_live_{apiKey.start}…</code> keeps working, so you can update your deployments first.
        </p>
        {apiKey.graceEndsAt && <p class="warning">This key's previous value is still in its grace period: rolling again stops it now.</p>}
        <div class="field">
          <label for="roll-grace">Old value keeps working for</label>
          <select id="roll-grace" ref={grace} name="grace" defaultValue="86400">
            {GRACES.map(([seconds, label]) => (
              <option key={seconds} value={String(seconds)}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <ErrorLine message={error} />
        <div class="actions">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <Button type="submit" variant="primary" busy={busy}>
            Roll key
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
