/** Report pages: every `.vega` placeholder becomes an interactive chart from its inline spec. */
import embed from "vega-embed";
import { enhanceSpec } from "./enhance.js";
import { addSeriesToggles, type View } from "./toggles.js";

async function main(): Promise<void> {
  const holders = Array.from(document.querySelectorAll<HTMLElement>(".vega[data-spec]"));
  await Promise.all(
    holders.map(async (el) => {
      const script = document.getElementById(el.dataset.spec ?? "");
      try {
        if (!script?.textContent) throw new Error("the chart's data is missing from the page");
        const spec = enhanceSpec(JSON.parse(script.textContent));
        el.textContent = "";
        const result = await embed(el, spec as never, {
          actions: false,
          renderer: "svg",
          tooltip: true,
        });
        const view = result.view as unknown as View;
        (el as HTMLElement & { vegaView?: View }).vegaView = view;
        addSeriesToggles(el, view, spec);
        el.dataset.ready = "true";
      } catch (err) {
        el.textContent = `This chart could not be drawn: ${(err as Error).message}`;
        el.classList.add("error");
        el.dataset.ready = "error";
      }
    }),
  );
  document.body.dataset.chartsReady = "true";
}

void main();
