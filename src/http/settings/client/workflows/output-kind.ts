/**
 * How the run page shows one output value: an SVG or a data-URL image as a picture, any other
 * string as text, everything else as formatted JSON. Pure, so the choice is unit-tested.
 */

export type OutputView =
  | { kind: "image"; src: string; copy: string }
  | { kind: "text"; text: string; copy: string }
  | { kind: "json"; text: string; copy: string };

/** An SVG document: optional XML declaration and comments, then an <svg> root that closes. */
const SVG = /^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>][\s\S]*<\/svg>\s*$/i;
/** Raster images an <img> shows from a data URL. */
const DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp|avif);base64,[A-Za-z0-9+/]+=*$/;

/**
 * The view of one output. An SVG goes into an <img> through a data URL: an image never runs the
 * SVG's scripts or loads what it links to, whatever the workflow's model wrote into it (the
 * page's Content-Security-Policy allows `img-src data:` for this).
 */
export function outputView(value: unknown): OutputView {
  if (typeof value === "string") {
    if (SVG.test(value)) return { kind: "image", src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(value)}`, copy: value };
    if (DATA_IMAGE.test(value)) return { kind: "image", src: value, copy: value };
    return { kind: "text", text: value, copy: value };
  }
  const text = JSON.stringify(value, null, 2) ?? "null";
  return { kind: "json", text, copy: text };
}

/** What an SVG says it shows (its <title>), for the picture's alternative text; null when it says nothing. */
export function svgTitle(svg: string): string | null {
  const match = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(svg);
  if (!match) return null;
  const text = match[1]!
    .replace(/&#(\d{1,7});/g, (_m, code: string) => character(Number(code)))
    .replace(/&#x([0-9a-f]{1,6});/gi, (_m, code: string) => character(Number.parseInt(code, 16)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&")
    .trim();
  return text === "" ? null : text;
}

function character(code: number): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "\ufffd";
}
