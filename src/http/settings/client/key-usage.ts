/**
 * Usage on the API Keys tab: a 48-hour sparkline per key in the list, and a details dialog with
 * the hourly and daily charts, opened from the sparkline.
 */
import { request } from "./api.js";
import { KEYS_PER_PAGE } from "./operations.js";
import { openDialog } from "./dialogs.js";
import { h } from "./dom.js";
import { graphql } from "./gql/index.js";
import type { KeyUsageListQuery } from "./gql/graphql.js";
import { summarize, usageChart, usageLegend } from "./usage-chart.js";

const KeyUsageList = graphql(`
  query KeyUsageList($first: Int!, $after: String) {
    apiKeys(first: $first, after: $after) {
      edges {
        node {
          id
          usage {
            hourly {
              start
              ok
              scopeDenied
              rateLimited
              otherErrors
            }
            daily {
              start
              ok
              scopeDenied
              rateLimited
              otherErrors
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/**
 * Keys per usage request. The server costs every bucket's fields (48 hourly and 90 daily buckets
 * of 5 fields, about 700 units a key) against its limit of 5,000 a request, so a page of the list
 * is read in several requests.
 */
const USAGE_KEYS_PER_REQUEST = 6;

export type KeyUsage = KeyUsageListQuery["apiKeys"]["edges"][number]["node"]["usage"];

/** The usage of one page of keys (the list's page, same cursor) by id; an empty map when it cannot be read (the list still shows). */
export async function loadKeyUsage(after: string | null): Promise<Map<string, KeyUsage>> {
  try {
    const usage = new Map<string, KeyUsage>();
    let cursor = after;
    while (usage.size < KEYS_PER_PAGE) {
      const { apiKeys } = await request(KeyUsageList, {
        first: Math.min(USAGE_KEYS_PER_REQUEST, KEYS_PER_PAGE - usage.size),
        after: cursor,
      });
      for (const { node } of apiKeys.edges) usage.set(node.id, node.usage);
      if (!apiKeys.pageInfo.hasNextPage || !apiKeys.pageInfo.endCursor) break;
      cursor = apiKeys.pageInfo.endCursor;
    }
    return usage;
  } catch {
    return new Map();
  }
}

const hour = (start: string) => new Date(start).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
const hourAndDay = (start: string) =>
  new Date(start).toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
const day = (start: string) => new Date(start).toLocaleDateString(undefined, { month: "short", day: "numeric" });

function openUsageDialog(name: string, usage: KeyUsage): void {
  const done = h("button", { type: "button" }, "Close");
  const dialog = openDialog(
    "usage-title",
    h("h2", { id: "usage-title" }, `Usage of “${name}”`),
    h("p", { class: "hint" }, "Requests made with this key, by outcome. Counts reach this page within a few seconds."),
    usageLegend(),
    h("h3", {}, "Last 48 hours"),
    h("p", { class: "usage-total" }, summarize(usage.hourly)),
    usageChart(usage.hourly, { width: 640, height: 150, labelEvery: 12, when: hour, label: `Hourly usage of ${name}, last 48 hours` }),
    h("h3", {}, "Last 90 days"),
    h("p", { class: "usage-total" }, summarize(usage.daily)),
    usageChart(usage.daily, { width: 640, height: 150, labelEvery: 15, when: day, label: `Daily usage of ${name}, last 90 days` }),
    h("div", { class: "actions" }, done),
  );
  dialog.classList.add("wide");
  done.addEventListener("click", () => dialog.close());
  done.focus();
}

/** The list's cell: a sparkline of the last 48 hours that opens the details. */
export function usageCell(name: string, usage: KeyUsage | undefined): HTMLElement {
  if (!usage) return h("span", { class: "hint" }, "—");
  const open = h("button", {
    type: "button",
    class: "sparkline",
    "aria-label": `Usage of ${name}: ${summarize(usage.hourly)}. Show details`,
  });
  open.append(usageChart(usage.hourly, { width: 96, height: 24, when: hourAndDay, label: `Last 48 hours of ${name}` }));
  open.addEventListener("click", () => openUsageDialog(name, usage));
  return open;
}
