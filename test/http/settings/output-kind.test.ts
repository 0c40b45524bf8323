/** How the run page shows outputs (src/http/settings/client/workflows/output-kind.ts). */
import { describe, expect, it } from "vitest";
import { outputView, svgTitle } from "../../../src/http/settings/client/workflows/output-kind.js";

describe("output views", () => {
  it("shows an SVG as a picture through a data URL (an <img> never runs its script)", () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><title>a &#60;b&#62; &amp; c</title></svg>';
    const view = outputView(svg);
    expect(view).toEqual({ kind: "image", src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`, copy: svg });
    expect(view.kind === "image" && view.src).not.toMatch(/[<>"' ]/);
    expect(outputView(`<?xml version="1.0"?>\n<!-- made -->\n${svg}\n`).kind).toBe("image");
    expect(svgTitle(svg)).toBe("a <b> & c");
    expect(svgTitle("<svg></svg>")).toBeNull();
    expect(svgTitle("<svg><title>&#9999999;</title></svg>")).toBe("\ufffd");
  });

  it("shows a base64 data-URL image as a picture, and nothing else that merely mentions one", () => {
    expect(outputView("data:image/png;base64,iVBORw0KGgo=").kind).toBe("image");
    expect(outputView("data:text/html;base64,PHNjcmlwdD4=").kind).toBe("text");
    expect(outputView("javascript:alert(1)").kind).toBe("text");
    expect(outputView("look: <svg></svg> here").kind).toBe("text");
  });

  it("shows other strings as text and anything else as formatted JSON", () => {
    expect(outputView("Dear Ada")).toEqual({ kind: "text", text: "Dear Ada", copy: "Dear Ada" });
    expect(outputView({ words: 2, list: [1] })).toEqual({
      kind: "json",
      text: '{\n  "words": 2,\n  "list": [\n    1\n  ]\n}',
      copy: '{\n  "words": 2,\n  "list": [\n    1\n  ]\n}',
    });
    expect(outputView(42)).toMatchObject({ kind: "json", text: "42" });
    expect(outputView(null)).toMatchObject({ kind: "json", text: "null" });
    expect(outputView(undefined)).toMatchObject({ kind: "json", text: "null" });
  });
});
