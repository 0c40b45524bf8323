/**
 * API Keys: the account's keys, newest first, KEYS_PER_PAGE at a time ("Show more keys" appends
 * the next page), with create, rename, roll, delete, details (last use, expiry, a rolled key's
 * old value) and usage. An example of calling one of the account's workflows with a key above.
 */
import { useCallback, useEffect, useState } from "preact/hooks";
import { errorMessage, gql } from "../api.js";
import { expiryText, formatDate, formatDateTime, formatShortDateTime } from "../format.js";
import { CreateKeyDialog, type Key, RenameKeyDialog, RollKeyDialog } from "../keys/dialogs.js";
import { type KeyUsage, loadKeyUsage, UsageButton, UsageDialog } from "../keys/usage.js";
import { WorkflowExample } from "../keys/workflow-example.js";
import type { Scope } from "../gql/graphql.js";
import { DeleteKey, KEYS_PER_PAGE, KeyList } from "../operations.js";
import { navigate } from "../router.js";
import { useSession } from "../session.js";
import { Button, ConfirmDialog, EmptyState, Page } from "../ui/index.js";

const COLUMNS = ["Name", "Key", "Scope", "Expires", "Last used", "Last 48 hours"];

type Open =
  | { kind: "create"; scope?: Scope }
  | { kind: "rename" | "roll" | "delete"; key: Key }
  | { kind: "usage"; key: Key; usage: KeyUsage }
  | null;

/** A rolled key's old value while its grace lasts: "Old value knouds_live_ab12… works until …". */
function OldValue({ apiKey }: { apiKey: Key }) {
  if (!apiKey.graceEndsAt || Date.parse(apiKey.graceEndsAt) <= Date.now()) return null;
  return (
    <small class="keys-grace">
      Old value <code>knouds_live_{apiKey.previousStart}…</code> works until{" "}
      <time dateTime={apiKey.graceEndsAt}>{formatDateTime(apiKey.graceEndsAt)}</time>
    </small>
  );
}

function Expiry({ expiresAt }: { expiresAt: string | null | undefined }) {
  const { text, warn } = expiryText(expiresAt);
  if (!expiresAt) return <span class="hint">{text}</span>;
  return (
    <span class={warn ? "expiry-warning" : undefined} title={formatDate(expiresAt)}>
      {warn ? `⚠ ${text}` : text}
    </span>
  );
}

function Details({ apiKey }: { apiKey: Key }) {
  const expiry = expiryText(apiKey.expiresAt);
  return (
    <dl class="key-facts">
      <dt>Created</dt>
      <dd>{formatDateTime(apiKey.createdAt)}</dd>
      <dt>Last used</dt>
      <dd>{apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt) : "Never"}</dd>
      <dt>From address</dt>
      <dd>{apiKey.lastUsedAddress ?? "—"}</dd>
      <dt>User agent</dt>
      <dd>{apiKey.lastUsedUserAgent ? <code>{apiKey.lastUsedUserAgent}</code> : "—"}</dd>
      <dt>Expires</dt>
      <dd>{apiKey.expiresAt ? `${formatDateTime(apiKey.expiresAt)} (${expiry.text.toLowerCase()})` : "Never"}</dd>
      {apiKey.graceEndsAt && (
        <>
          <dt>Previous value</dt>
          <dd>
            <code>knouds_live_{apiKey.previousStart}…</code> works until {formatDateTime(apiKey.graceEndsAt)}
          </dd>
        </>
      )}
    </dl>
  );
}

function KeyRows({
  apiKey,
  usage,
  expanded,
  toggle,
  open,
}: {
  apiKey: Key;
  usage: KeyUsage | undefined;
  expanded: boolean;
  toggle: () => void;
  open: (next: Open) => void;
}) {
  const detailId = `key-details-${apiKey.id}`;
  return (
    <>
      <tr class="keys-row">
        <th scope="row">{apiKey.name}</th>
        <td data-label="Key">
          <code>knouds_live_{apiKey.start}…</code>
          <OldValue apiKey={apiKey} />
        </td>
        <td data-label="Scope">
          <span class={`badge scope-${apiKey.scope}`}>{apiKey.scope}</span>
        </td>
        <td data-label="Expires">
          <Expiry expiresAt={apiKey.expiresAt} />
        </td>
        <td data-label="Last used">
          {apiKey.lastUsedAt ? (
            <time dateTime={apiKey.lastUsedAt} title={formatDateTime(apiKey.lastUsedAt)}>
              {formatShortDateTime(apiKey.lastUsedAt)}
            </time>
          ) : (
            "Never"
          )}
        </td>
        <td data-label="Last 48 hours">
          <UsageButton name={apiKey.name} usage={usage} onOpen={() => usage && open({ kind: "usage", key: apiKey, usage })} />
        </td>
        <td class="row-actions">
          <div class="keys-actions">
            <Button
              size="small"
              aria-expanded={expanded ? "true" : "false"}
              aria-controls={detailId}
              aria-label={`Details of key ${apiKey.name}`}
              onClick={toggle}
            >
              Details
            </Button>
            <Button size="small" aria-label={`Rename key ${apiKey.name}`} onClick={() => open({ kind: "rename", key: apiKey })}>
              Rename
            </Button>
            <Button size="small" aria-label={`Roll key ${apiKey.name}`} onClick={() => open({ kind: "roll", key: apiKey })}>
              Roll
            </Button>
            <Button
              size="small"
              variant="danger"
              aria-label={`Delete key ${apiKey.name}`}
              onClick={() => open({ kind: "delete", key: apiKey })}
            >
              Delete
            </Button>
          </div>
        </td>
      </tr>
      <tr id={detailId} class="key-details" hidden={!expanded}>
        <td colSpan={COLUMNS.length + 1}>
          <Details apiKey={apiKey} />
        </td>
      </tr>
    </>
  );
}

export default function ApiKeysPage() {
  const { me, account } = useSession();
  const [keys, setKeys] = useState<Key[] | null>(null);
  const [usage, setUsage] = useState<Map<string, KeyUsage>>(new Map());
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  // /settings/api-keys?create=free (from a workflow's "Call it from code") opens Create key with that scope.
  const [dialog, setDialog] = useState<Open>(() => {
    const scope = new URLSearchParams(location.search).get("create");
    return scope ? { kind: "create", scope: scope as Scope } : null;
  });
  useEffect(() => {
    if (new URLSearchParams(location.search).has("create")) navigate("/settings/api-keys", { replace: true });
  }, []);

  const load = useCallback(async () => {
    setError(null);
    try {
      const [page, pageUsage] = await Promise.all([gql(KeyList, { first: KEYS_PER_PAGE }), loadKeyUsage(null)]);
      setKeys(page.apiKeys.edges.map((edge) => edge.node));
      setUsage(pageUsage);
      setCursor(page.apiKeys.pageInfo.hasNextPage ? (page.apiKeys.pageInfo.endCursor ?? null) : null);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, []);
  useEffect(() => void load(), [load]);

  async function showMore(): Promise<void> {
    setLoadingMore(true);
    setMoreError(null);
    try {
      const [page, pageUsage] = await Promise.all([gql(KeyList, { first: KEYS_PER_PAGE, after: cursor }), loadKeyUsage(cursor)]);
      setKeys([...(keys ?? []), ...page.apiKeys.edges.map((edge) => edge.node)]);
      setUsage(new Map([...usage, ...pageUsage]));
      setCursor(page.apiKeys.pageInfo.hasNextPage ? (page.apiKeys.pageInfo.endCursor ?? null) : null);
    } catch (failure) {
      setMoreError(errorMessage(failure));
    } finally {
      setLoadingMore(false);
    }
  }

  const closed = (changed: boolean) => {
    setDialog(null);
    if (changed) void load();
  };

  let list: preact.ComponentChildren;
  if (error) {
    list = (
      <div class="error" role="alert">
        Could not load your keys: {error} <Button onClick={() => void load()}>Try again</Button>
      </div>
    );
  } else if (!keys) {
    list = (
      <p role="status" class="loading">
        Loading keys…
      </p>
    );
  } else if (keys.length === 0) {
    list = <EmptyState title="No API keys yet.">Create one to call the Knouds API from scripts, CI or your backend.</EmptyState>;
  } else {
    list = (
      <>
        <div class="table-scroll">
          <table class="keys-table">
            <caption class="visually-hidden">Your API keys</caption>
            <thead>
              <tr>
                {COLUMNS.map((title) => (
                  <th scope="col" key={title}>
                    {title}
                  </th>
                ))}
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <KeyRows
                  key={key.id}
                  apiKey={key}
                  usage={usage.get(key.id)}
                  expanded={expanded.has(key.id)}
                  toggle={() => {
                    const next = new Set(expanded);
                    if (!next.delete(key.id)) next.add(key.id);
                    setExpanded(next);
                  }}
                  open={setDialog}
                />
              ))}
            </tbody>
          </table>
        </div>
        {cursor && (
          <Button class="more" busy={loadingMore} onClick={() => void showMore()}>
            {moreError ? `Could not load more keys: ${moreError}. Try again` : "Show more keys"}
          </Button>
        )}
      </>
    );
  }

  return (
    <Page
      title="API Keys"
      intro={
        <p>
          Keys authenticate requests from scripts, CI and backends with the <code>x-api-key</code> header. A key's scope is capped by your
          plan. Your workflows are <code>{account.handle}/…</code>.
        </p>
      }
      actions={
        <Button variant="primary" class="keys-create-button" onClick={() => setDialog({ kind: "create" })}>
          Create key
        </Button>
      }
    >
      <WorkflowExample />
      <section class="card keys-list" aria-live="polite">
        {list}
      </section>
      {dialog?.kind === "create" && <CreateKeyDialog me={me} scope={dialog.scope} onClose={closed} />}
      {dialog?.kind === "rename" && <RenameKeyDialog apiKey={dialog.key} onClose={closed} />}
      {dialog?.kind === "roll" && <RollKeyDialog apiKey={dialog.key} onClose={closed} />}
      {dialog?.kind === "usage" && <UsageDialog name={dialog.key.name} usage={dialog.usage} onClose={() => setDialog(null)} />}
      {dialog?.kind === "delete" && (
        <ConfirmDialog
          title={`Delete key “${dialog.key.name}”?`}
          message="Requests using it will fail immediately. This cannot be undone."
          confirmLabel="Delete key"
          action={async () => {
            await gql(DeleteKey, { id: dialog.key.id });
          }}
          onClose={closed}
        />
      )}
    </Page>
  );
}
