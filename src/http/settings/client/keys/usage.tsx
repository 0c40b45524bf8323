/**
 * Usage on the API Keys page: a labelled button per key (a 48-hour sparkline and the count) that
 * opens a dialog with the hourly and daily charts. Charts are plain SVG (no library): one
 * stacked bar per hour or day, coloured by outcome; every bar has a <title> (the browser's
 * tooltip) and the chart an accessible summary. Axis labels are HTML under the chart, so they
 * keep their size when the chart is scaled down on a phone.
 */
import { gql } from "../api.js";
import { type Bucket, bucketTotal, OUTCOMES, plural, summarize } from "../format.js";
import { graphql } from "../gql/index.js";
import type { KeyUsageListQuery } from "../gql/graphql.js";
import { KEYS_PER_PAGE } from "../operations.js";
import { Dialog } from "../ui/index.js";

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
      const { apiKeys } = await gql(KeyUsageList, { first: Math.min(USAGE_KEYS_PER_REQUEST, KEYS_PER_PAGE - usage.size), after: cursor });
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

interface ChartProps {
  buckets: readonly Bucket[];
  width: number;
  height: number;
  /** What one bar is, for its tooltip: the hour or the day it covers. */
  when: (start: string) => string;
  /** Axis labels under every nth bar (none for a sparkline). */
  labelEvery?: number;
  label: string;
  /** A sparkline inside a labelled button: hidden from assistive technology (the button says it all). */
  decorative?: boolean;
}

export function UsageChart({ buckets, width, height, when, labelEvery, label, decorative }: ChartProps) {
  const peak = Math.max(1, ...buckets.map(bucketTotal));
  const slot = width / Math.max(1, buckets.length);
  const gap = slot > 4 ? 1 : 0;
  const chart = (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      class="usage-chart"
      preserveAspectRatio="none"
      role={decorative ? undefined : "img"}
      aria-label={decorative ? undefined : `${label}. ${summarize(buckets)}`}
      aria-hidden={decorative ? "true" : undefined}
    >
      <line x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} class="usage-axis" />
      {buckets.map((bucket, i) => {
        let top = height;
        return (
          <g class="usage-bar" key={i}>
            <title>{`${when(bucket.start)} — ${summarize([bucket])}`}</title>
            {/* A transparent full-height target, so even an empty hour shows its tooltip. */}
            <rect x={i * slot} y={0} width={slot} height={height} class="usage-hit" />
            {OUTCOMES.map(({ field }) => {
              const count = bucket[field];
              if (count === 0) return null;
              const barHeight = Math.max(1, (count / peak) * (height - 2));
              top -= barHeight;
              return (
                <rect
                  key={field}
                  x={i * slot + gap / 2}
                  y={top}
                  width={Math.max(1, slot - gap)}
                  height={barHeight}
                  class={`usage-${field}`}
                />
              );
            })}
          </g>
        );
      })}
    </svg>
  );
  if (!labelEvery) return chart;
  return (
    <div class="usage-figure">
      {chart}
      <div class="usage-labels" aria-hidden="true">
        {buckets.map((bucket, i) =>
          i % labelEvery === 0 ? (
            <span key={bucket.start} style={{ left: `${(i / buckets.length) * 100}%` }}>
              {when(bucket.start)}
            </span>
          ) : null,
        )}
      </div>
    </div>
  );
}

function UsageLegend() {
  return (
    <ul class="usage-legend">
      {OUTCOMES.map(({ field, many }) => (
        <li key={field}>
          <span class={`swatch usage-${field}`} />
          {many}
        </li>
      ))}
    </ul>
  );
}

export function UsageDialog({ name, usage, onClose }: { name: string; usage: KeyUsage; onClose: () => void }) {
  return (
    <Dialog title={`Usage of “${name}”`} onClose={onClose} class="wide">
      <p class="hint">Requests made with this key, by outcome. Counts reach this page within a few seconds.</p>
      <UsageLegend />
      <h3>Last 48 hours</h3>
      <p class="usage-total">{summarize(usage.hourly)}</p>
      <UsageChart
        buckets={usage.hourly}
        width={640}
        height={130}
        labelEvery={12}
        when={hour}
        label={`Hourly usage of ${name}, last 48 hours`}
      />
      <h3>Last 90 days</h3>
      <p class="usage-total">{summarize(usage.daily)}</p>
      <UsageChart
        buckets={usage.daily}
        width={640}
        height={130}
        labelEvery={30}
        when={day}
        label={`Daily usage of ${name}, last 90 days`}
      />
      <div class="actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

/** The list's cell: a button showing the last 48 hours (sparkline and count) that opens the charts. */
export function UsageButton({ name, usage, onOpen }: { name: string; usage: KeyUsage | undefined; onOpen: () => void }) {
  if (!usage) return <span class="hint">—</span>;
  const total = usage.hourly.reduce((sum, bucket) => sum + bucketTotal(bucket), 0);
  return (
    <button type="button" class="keys-usage" aria-label={`Usage of ${name}: ${summarize(usage.hourly)}. Show details`} onClick={onOpen}>
      <UsageChart buckets={usage.hourly} width={72} height={22} when={hourAndDay} label={`Last 48 hours of ${name}`} decorative />
      <span>{plural(total, "request")}</span>
    </button>
  );
}
