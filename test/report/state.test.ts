import { describe, expect, it } from "vitest";
import { initProps } from "../../web/explorables/init.js";
import { klProps } from "../../web/explorables/kl.js";
import { parseState, serializeState } from "../../web/explorables/state.js";
import { enhanceSpec } from "../../web/report/enhance.js";

describe("explorable state in the URL hash", () => {
  it("round-trips the KL state, seed included, through one props table", () => {
    const state = {
      p: "0.5 N(-2, 1) + 0.5 N(2, 1)",
      q: "N(mu=0, sigma=5)",
      reading: 1,
      target: "Laplace(0, 1)",
      steps: 300,
      seed: 42,
    };
    const hash = serializeState(klProps, state);
    expect(parseState(klProps, `#${hash}`)).toEqual(state);
    expect(hash.startsWith("p=")).toBe(true);
  });

  it("keeps defaults for missing keys, bad values and values outside the table", () => {
    const s = parseState(initProps, "#dModel=500&scheme=nope&vocab=1000&seed=-3&extra=1");
    expect(s).toEqual({ dModel: 512, scheme: "bug", vocab: 1000, seed: 0 });
    const t = parseState(initProps, "#dModel=64&scheme=fix&seed=7");
    expect(t).toEqual({ dModel: 64, scheme: "fix", vocab: 8000, seed: 7 });
  });
});

describe("chart enhancement", () => {
  it("adds a legend-bound selection and tooltips to a coloured line chart, and fits the width", () => {
    const spec = enhanceSpec({
      title: "Loss",
      width: 480,
      mark: "line",
      encoding: { x: { field: "x" }, color: { field: "series", type: "nominal" } },
    });
    expect(spec.mark).toEqual({ type: "line", tooltip: true });
    expect(spec.params).toEqual([
      { name: "series_toggle", select: { type: "point", fields: ["series"] }, bind: "legend" },
    ]);
    expect((spec.encoding as Record<string, unknown>).opacity).toBeDefined();
    expect(spec.width).toBe("container");
    expect(spec.title).toBeUndefined();
  });

  it("leaves a quantitative colour and an existing selection alone", () => {
    const heat = enhanceSpec({
      mark: "rect",
      encoding: { color: { field: "z", type: "quantitative" } },
    });
    expect(heat.params).toBeUndefined();
    const own = enhanceSpec({
      mark: "point",
      params: [{ name: "mine" }],
      encoding: { color: { field: "c", type: "nominal" } },
    });
    expect(own.params).toEqual([{ name: "mine" }]);
  });
});
