/**
 * "HW 12" as data (see HOMEWORK.md): three problems, eight graded parts. Every text here is the
 * project's own restatement; options carry the properties the problem describes for its figures.
 */
import { parseProblemSet } from "./schema.js";

const raw = {
  id: "hw12",
  title: "HW 12: Transformer initialisation, KL divergence, Variational Information Bottleneck",
  problems: [
    {
      number: 1,
      title: "Debugging a Transformer's initialization",
      keywords: [
        "initialization",
        "initialisation",
        "emb_word",
        "d_model",
        "logits",
        "lm_head",
        "layernorm",
        "tied",
      ],
    },
    {
      number: 2,
      title: "Comparing distributions (KL divergence)",
      keywords: ["kl", "divergence", "forward", "reverse", "bimodal", "asymmetric", "p||q", "q||p"],
    },
    {
      number: 3,
      title: "Variational Information Bottleneck",
      keywords: [
        "vib",
        "bottleneck",
        "β",
        "beta",
        "latent",
        "encoder",
        "decoder",
        "mnist",
        "θe",
        "θd",
        "reparameter",
      ],
    },
  ],
  parts: [
    {
      id: "1",
      problem: 1,
      answerType: "code-fix",
      asksWhy: true,
      prompt:
        "The model's training loss stalls near 23.4 while a correct one reaches about 6.1. Find the bug in " +
        "the initialisation, give the corrected line(s), and explain why the fix works.",
      language: "python",
      lines: {
        "9": "nn.init.normal_(emb_word.weight, mean=0, std=1)",
        "10": "nn.init.normal_(emb_pos.weight, mean=0, std=1)",
      },
      target: "emb_word.weight",
      equivalentTargets: ["lm_head.weight"],
      outputCall: "lm_head",
      env: {
        d_model: 512,
        n_words: 32000,
        vocab_size: 32000,
        max_len: 512,
        n_heads: 8,
        d_ffn: 2048,
        n_layers: 4,
        d_k: 64,
        head_dim: 64,
        embedding_dim: 512,
        num_embeddings: 32000,
        hidden_size: 512,
        p_drop: 0.1,
      },
      sizeNames: {
        dModel: ["d_model", "embedding_dim", "hidden_size"],
        vocabSize: ["n_words", "vocab_size", "num_embeddings"],
      },
      shapes: {
        "emb_word.weight": ["n_words", "d_model"],
        "lm_head.weight": ["n_words", "d_model"],
        "emb_pos.weight": ["max_len", "d_model"],
      },
    },
    {
      id: "2a",
      problem: 2,
      letter: "a",
      answerType: "worked-example",
      prompt: "Give univariate P and Q such that D_KL(P||Q) is finite and D_KL(Q||P) is infinite.",
      example: { kind: "distribution-pair", symbols: ["P", "Q"] },
    },
    {
      id: "2b",
      problem: 2,
      letter: "b",
      answerType: "assignment",
      asksWhy: true,
      prompt:
        "A Gaussian Q is fitted to a fixed bimodal P once by minimising D_KL(P||Q) and once D_KL(Q||P). " +
        "Say which of the two plots shows which minimisation, and why.",
      items: [
        {
          label: "A",
          description: "Q is broad and spreads its mass over both modes of P.",
          properties: { width: "broad", modesCovered: 2 },
          aliases: [
            "broad",
            "wide",
            "wider",
            "spread out",
            "spreads over both",
            "covers both modes",
          ],
        },
        {
          label: "B",
          description: "Q is narrow and sits on a single mode of P.",
          properties: { width: "narrow", modesCovered: 1 },
          aliases: ["narrow", "sits on one mode", "single mode", "one of the modes", "locks onto"],
        },
      ],
      values: [
        {
          label: "forward",
          description: "Minimising the forward KL D_KL(P||Q).",
          aliases: [
            "forward kl",
            "forward",
            "kl(p||q)",
            "d(p||q)",
            "inclusive",
            "mass-covering",
            "mass covering",
            "zero-avoiding",
            "m-projection",
            "vorwärts-kl",
            "vorwärts",
            "kl directe",
            "divergence directe",
            "kl avant",
          ],
        },
        {
          label: "reverse",
          description: "Minimising the reverse KL D_KL(Q||P).",
          aliases: [
            "reverse kl",
            "reverse",
            "backward",
            "kl(q||p)",
            "d(q||p)",
            "exclusive",
            "mode-seeking",
            "mode seeking",
            "zero-forcing",
            "i-projection",
            "rückwärts-kl",
            "rückwärts",
            "kl inverse",
            "divergence inverse",
            "kl arrière",
          ],
        },
      ],
    },
    {
      id: "3a",
      problem: 3,
      letter: "a",
      answerType: "free-explanation",
      prompt:
        "Scalar encoder outputs μ(x) and σ(x), noise V ~ N(0,1): draw the block diagram (one multiplier, " +
        "one adder) producing Z.",
      formula: {
        symbol: "Z",
        expr: "mu + sigma * V",
        vars: {
          mu: ["μ(x)", "mu(x)", "μ_θe(x)", "μ", "mu"],
          // σ as code computes it: from a log-variance (VAE style) or softplus(ρ − 5) (the VIB paper)
          sigma: [
            "σ(x)",
            "sigma(x)",
            "σ_θe(x)",
            "σ",
            "sigma",
            "std",
            "exp(0.5*logvar)",
            "exp(logvar/2)",
            "exp(0.5*log_var)",
            "exp(log_var/2)",
            "exp(logvar*0.5)",
            "sqrt(var)",
            "softplus(ρ-5)",
            "softplus(rho-5)",
            "softplus(ρ)",
            "softplus(rho)",
          ],
          V: ["v", "ε", "epsilon", "eps"],
        },
      },
    },
    {
      id: "3b",
      problem: 3,
      letter: "b",
      answerType: "checkbox-grid",
      prompt:
        "With V treated as an external input, tick which loss terms send gradient to the encoder " +
        "parameters θe and which to the decoder parameters θd.",
      rows: [
        {
          label: "task",
          description: "The task loss: expected −log q(y|z) over z from the encoder.",
          aliases: [
            "task loss",
            "task term",
            "task",
            "first term",
            "cross-entropy",
            "cross entropy",
            "prediction loss",
            "classification loss",
            "-log q",
            "log-likelihood",
            "task-verlust",
            "aufgabenverlust",
            "perte de tâche",
            "terme de tâche",
          ],
        },
        {
          label: "regularizer",
          description: "The latent regulariser: β·D_KL(p(Z|x) || N(0, I)).",
          aliases: [
            "latent regularizer",
            "latent regulariser",
            "regularizer",
            "regulariser",
            "regularization",
            "regularisation",
            "kl term",
            "kl",
            "second term",
            "latent reg",
            "regularisierer",
            "regularisierung",
            "régulariseur",
            "régularisation",
            "terme kl",
          ],
        },
      ],
      columns: [
        {
          label: "θe",
          description: "The encoder parameters.",
          aliases: [
            "θe",
            "theta_e",
            "thetae",
            "theta e",
            "encoder parameters",
            "encoder params",
            "encoder",
            "encodeur",
            "kodierer",
          ],
        },
        {
          label: "θd",
          description: "The decoder parameters.",
          aliases: [
            "θd",
            "theta_d",
            "thetad",
            "theta d",
            "decoder parameters",
            "decoder params",
            "decoder",
            "décodeur",
            "dekodierer",
          ],
        },
      ],
    },
    {
      id: "3c",
      problem: 3,
      letter: "c",
      answerType: "single-choice",
      prompt: "Which curve best shows MNIST validation error as β increases?",
      options: [
        {
          label: "a",
          description: "Rises steadily with β.",
          properties: { shape: "monotone increasing" },
          aliases: ["rises steadily", "monotonically increasing"],
        },
        {
          label: "b",
          description:
            "Low and flat (or falling) at small β, lowest at a moderate β, then shoots up at large β.",
          properties: { shape: "U-shaped: minimum at moderate β, sharp rise at large β" },
          aliases: [
            "u-shaped",
            "u shape",
            "lowest at a moderate",
            "minimum at a moderate",
            "sweet spot",
          ],
        },
        {
          label: "c",
          description: "Falls steadily with β.",
          properties: { shape: "monotone decreasing" },
          aliases: ["falls steadily", "monotonically decreasing"],
        },
        {
          label: "d",
          description: "Rises, then falls: an upside-down U.",
          properties: { shape: "inverted U" },
          aliases: ["upside-down u", "inverted u", "inverted-u"],
        },
      ],
    },
    {
      id: "3d-i",
      problem: 3,
      letter: "d",
      sub: "i",
      answerType: "assignment",
      prompt:
        "Three classes of MNIST, latent dimension 2: assign β ∈ {1e-6, 1e-3, 1e0} to the three " +
        "latent-embedding panels, reading their axis scales.",
      items: [
        {
          label: "a",
          description: "Axes about [−1.5, 1.5]; three well-separated clusters.",
          properties: { axisRange: [-1.5, 1.5], clusters: "well separated" },
          aliases: [],
        },
        {
          label: "b",
          description:
            "Axes about [−3, 7]; clusters spread widely, with a large spread inside each class.",
          properties: { axisRange: [-3, 7], clusters: "widely spread, large within-class spread" },
          aliases: [],
        },
        {
          label: "c",
          description: "Axes about [−0.15, 0.15]; classes heavily overlapping near the origin.",
          properties: { axisRange: [-0.15, 0.15], clusters: "overlapping near the origin" },
          aliases: [],
        },
      ],
      values: [
        { label: "1e-6", description: "β = 10⁻⁶", value: 1e-6 },
        { label: "1e-3", description: "β = 10⁻³", value: 1e-3 },
        { label: "1e0", description: "β = 1", value: 1 },
      ],
    },
    {
      id: "3d-ii",
      problem: 3,
      letter: "d",
      sub: "ii",
      answerType: "single-choice",
      prompt: "Which of the three experiments gives the better latent space for prediction?",
      optionsVia: "3d-i",
      options: [
        { label: "1e-6", description: "The run with β = 10⁻⁶.", value: 1e-6 },
        { label: "1e-3", description: "The run with β = 10⁻³.", value: 1e-3 },
        { label: "1e0", description: "The run with β = 1.", value: 1 },
      ],
    },
  ],
};

/** The validated HW 12 problem set. */
export const homework = parseProblemSet(raw);
