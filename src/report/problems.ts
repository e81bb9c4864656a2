/**
 * The three problems as the site shows them: the question in the project's own words (a
 * condensed restatement of shared/HOMEWORK.md), the parts the answer key covers, the keywords
 * that assign a figure to a problem, and the explorable that goes with it.
 */

export type ProblemPage = {
  id: "1" | "2" | "3";
  file: string;
  title: string;
  /** Paragraphs of the question (plain text; rendered escaped). */
  question: string[];
  /** Part ids as the key and grader name them. */
  parts: { id: string; prompt: string }[];
  /** A figure whose name matches belongs on this page. */
  figurePattern: RegExp;
  explorable: { file: string; label: string; blurb: string };
};

export const PROBLEMS: ProblemPage[] = [
  {
    id: "1",
    file: "problem-1.html",
    title: "Problem 1 — Debugging a Transformer's initialization",
    question: [
      "A Transformer encoder-decoder for summarization ties its output head to the word embedding (lm_head.weight is emb_word.weight). Line 9 initialises emb_word.weight from N(0, 1), line 10 emb_pos.weight from N(0, 1); a LayerNorm follows the summed embeddings; the loss is cross-entropy over the vocabulary.",
      "Two training-loss curves are compared: this model ends near 23.4, a friend's near 6.1. Find the bug in the initialization, give the corrected line(s), and explain why the fix works. Hints: d_model is large, and the change must touch line 9, where the head is initialised.",
    ],
    parts: [{ id: "1", prompt: "The bug, the corrected line 9, and why it works." }],
    figurePattern: /transformer|logit|init|problem-?1|^p1/i,
    explorable: {
      file: "explore-init.html",
      label: "Initialization explorer",
      blurb:
        "Choose d_model, the init scheme and the vocabulary size; the page initialises the tied embedding and head and measures the initial logits and loss on the spot.",
    },
  },
  {
    id: "2",
    file: "problem-2.html",
    title: "Problem 2 — Comparing distributions (KL divergence)",
    question: [
      "D_KL(P‖Q) = E_{x~P}[log P(x)/Q(x)].",
      "(a) KL is asymmetric. Give univariate P and Q with D_KL(P‖Q) finite and D_KL(Q‖P) infinite.",
      "(b) For a fixed bimodal target P, a Gaussian Q (mean and standard deviation free) is fitted once by minimising the forward KL D_KL(P‖Q) and once the reverse KL D_KL(Q‖P). In plot A, Q is broad and covers both modes; in plot B, Q is narrow and sits on one mode. Which plot is which minimisation, and why?",
    ],
    parts: [
      { id: "2a", prompt: "P and Q with one direction finite and the other infinite." },
      { id: "2b", prompt: "Which plot is the forward fit and which the reverse fit." },
    ],
    figurePattern: /kl|diverg|fit|gauss|mixture|problem-?2|^p2/i,
    explorable: {
      file: "explore-kl.html",
      label: "KL explorer",
      blurb:
        "Type P and Q, drag their parameters, read KL both ways (finite or infinite, and why), and run the forward and reverse Gaussian fits on a target of your choice.",
    },
  },
  {
    id: "3",
    file: "problem-3.html",
    title: "Problem 3 — Variational Information Bottleneck",
    question: [
      "Input X → encoder (θe) → latent Z → classifier (θd) → label Y. The encoder turns x and independent noise V into a Gaussian sample Z ~ p_θe(Z|x). Training minimises the task loss E[−log q_θd(y|z)] plus β · D_KL(p_θe(Z|x) ‖ N(0, I)).",
      "(a) Scalar case: draw the block diagram (one multiplier, one adder) that makes Z from μ, σ and V. (b) Which loss terms send gradient to θe, and which to θd? (c) Which curve best shows MNIST validation error against increasing β? (d) With three digit classes and a 2-D latent, assign β ∈ {1e-6, 1e-3, 1e0} to the three latent-embedding panels by their axis scales, and say which latent space is better for prediction.",
    ],
    parts: [
      { id: "3a", prompt: "The reparameterization block diagram." },
      { id: "3b", prompt: "Which terms send gradient to θe and θd." },
      { id: "3c", prompt: "Validation error against β." },
      { id: "3d-i", prompt: "β for each latent panel." },
      { id: "3d-ii", prompt: "The better latent space for prediction." },
    ],
    figurePattern: /vib|beta|latent|problem-?3|^p3/i,
    explorable: {
      file: "explore-latent.html",
      label: "Latent explorer",
      blurb:
        "Slide β over the recorded 2-D latent runs and watch the axis range, the class separation and the validation error change together.",
    },
  },
];
