/**
 * Usage charts as plain SVG built in the page (no library): one stacked bar per hour or day,
 * coloured by outcome. Every bar carries a <title> (the browser's tooltip), and the chart an
 * accessible summary of its totals.
 */
import { h } from "./dom.js";

/** One hour or day of a key's usage, as the API's UsageBucket gives it. */
interface Bucket {
  start: string;
  ok: number;
  scopeDenied: number;
  rateLimited: number;
  otherErrors: number;
}

export const OUTCOMES = [
  { field: "ok", label: "OK" },
  { field: "scopeDenied", label: "Scope denied" },
  { field: "rateLimited", label: "Rate limited" },
  { field: "otherErrors", label: "Other errors" },
] as const;

const SVG = "http://www.w3.org/2000/svg";

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number>,
  ...children: Array<Node | string>
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  element.append(...children);
  return element;
}

function total(bucket: Bucket): number {
  return bucket.ok + bucket.scopeDenied + bucket.rateLimited + bucket.otherErrors;
}

/** "3,204 requests: 3,100 OK, 80 scope denied, 24 rate limited, 0 other errors". */
export function summarize(buckets: readonly Bucket[]): string {
  const sums = OUTCOMES.map(({ field, label }) => ({ label, count: buckets.reduce((sum, b) => sum + b[field], 0) }));
  const all = sums.reduce((sum, s) => sum + s.count, 0);
  return `${all.toLocaleString()} request${all === 1 ? "" : "s"}: ${sums.map((s) => `${s.count.toLocaleString()} ${s.label.toLowerCase()}`).join(", ")}`;
}

interface ChartOptions {
  width: number;
  height: number;
  /** What one bar is, for its tooltip: the hour or the day it covers. */
  when: (start: string) => string;
  /** Axis labels under these bar positions (none for a sparkline). */
  labelEvery?: number;
  label: string;
}

export function usageChart(buckets: readonly Bucket[], options: ChartOptions): SVGSVGElement {
  const axis = options.labelEvery ? 16 : 0;
  const plot = options.height - axis;
  const peak = Math.max(1, ...buckets.map(total));
  const slot = options.width / Math.max(1, buckets.length);
  const gap = slot > 4 ? 1 : 0;
  const chart = svg("svg", {
    viewBox: `0 0 ${options.width} ${options.height}`,
    width: options.width,
    height: options.height,
    role: "img",
    class: "usage-chart",
    "aria-label": `${options.label}. ${summarize(buckets)}`,
  });
  chart.append(svg("line", { x1: 0, x2: options.width, y1: plot - 0.5, y2: plot - 0.5, class: "usage-axis" }));
  buckets.forEach((bucket, i) => {
    const bar = svg("g", { class: "usage-bar" }, svg("title", {}, `${options.when(bucket.start)} — ${summarize([bucket])}`));
    // A transparent full-height target, so even an empty hour shows its tooltip.
    bar.append(svg("rect", { x: i * slot, y: 0, width: slot, height: plot, class: "usage-hit" }));
    let top = plot;
    for (const { field } of OUTCOMES) {
      const count = bucket[field];
      if (count === 0) continue;
      const height = Math.max(1, (count / peak) * (plot - 2));
      top -= height;
      bar.append(svg("rect", { x: i * slot + gap / 2, y: top, width: Math.max(1, slot - gap), height, class: `usage-${field}` }));
    }
    chart.append(bar);
    if (options.labelEvery && i % options.labelEvery === 0) {
      chart.append(svg("text", { x: i * slot, y: options.height - 3, class: "usage-label" }, options.when(bucket.start)));
    }
  });
  return chart;
}

/** The colour key under a large chart. */
export function usageLegend(): HTMLElement {
  return h(
    "ul",
    { class: "usage-legend" },
    ...OUTCOMES.map(({ field, label }) => h("li", {}, h("span", { class: `swatch usage-${field}` }), label)),
  );
}
