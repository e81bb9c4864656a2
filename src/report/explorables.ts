/**
 * The site's explorables, one record each: its page, the label the navigation and the problem
 * pages give it, and what its page says and carries. A problem of the problem set names the one
 * that goes with it (`explorable: "init"`); the navigation lists them in this order.
 */
import { figureLabel, homework } from "../problems/index.js";
import { FIGURES } from "../results/layout.js";
import { extractInitRuns, extractLatentRuns } from "./extract.js";
import type { LoadedResults } from "./results.js";

export type Explorable = {
  /** The id a problem names, and the page's `data-page` (which explorable the bundle starts). */
  id: string;
  file: string;
  /** Page title, and the link text on a problem page. */
  title: string;
  /** The shorter label in the site navigation. */
  navLabel: string;
  /** One sentence beside the link on a problem page and the overview. */
  blurb: string;
  /** The page's lede (HTML) and its inline data blobs by element id, from the results. */
  page: (r: LoadedResults) => { intro: string; data: Record<string, unknown> };
};

export const EXPLORABLES: Explorable[] = [
  {
    id: "kl",
    file: "explore-kl.html",
    title: "KL explorer",
    navLabel: "KL explorer",
    blurb:
      "Type P and Q, drag their parameters, read KL both ways (finite or infinite, and why), and run the forward and reverse Gaussian fits on a target of your choice.",
    page: () => ({
      intro:
        "Type two distributions P and Q (for example <code>N(0,1)</code>, <code>U(0,1)</code>, <code>Laplace(0,1)</code>), or drag their parameters. The page computes D<sub>KL</sub>(P‖Q) and D<sub>KL</sub>(Q‖P) with the project's KL toolkit, says when one is infinite and why, and fits a Gaussian to a target by forward and by reverse KL.",
      data: {},
    }),
  },
  {
    id: "init",
    file: "explore-init.html",
    title: "Initialization explorer",
    navLabel: "Init explorer",
    blurb:
      "Choose d_model, the init scheme and the vocabulary size; the page initialises the tied embedding and head and measures the initial logits and loss on the spot.",
    page: (r) => ({
      intro:
        "Problem 1's bug, measured: the page initialises a tied embedding/output head with the scheme you choose, runs the head on embedded tokens, and reports the spread of the initial logits and the initial cross-entropy — against √d<sub>model</sub> and ln V.",
      data: { "init-runs": extractInitRuns(r) },
    }),
  },
  {
    id: "latent",
    file: "explore-latent.html",
    title: "Latent explorer",
    navLabel: "Latent explorer",
    blurb:
      "Slide β over the recorded 2-D latent runs and watch the axis range, the class separation and the validation error change together.",
    page: (r) => {
      const latent = extractLatentRuns(r);
      const figure = figureLabel(homework, FIGURES.latent);
      return {
        intro: latent.length
          ? `The recorded VIB runs with a 2-D latent on three MNIST digit classes (${figure}). Slide β and read the axis range, the class separation and the validation error of each run.`
          : `The recorded VIB runs with a 2-D latent (${figure}) will appear here.`,
        data: { "latent-runs": latent },
      };
    },
  },
];

/** The explorable a problem names, or an error naming the ones there are. */
export function explorable(id: string): Explorable {
  const e = EXPLORABLES.find((x) => x.id === id);
  if (!e)
    throw new Error(
      `the problem set names explorable "${id}"; the site has ${EXPLORABLES.map((x) => x.id).join(", ")}`,
    );
  return e;
}
