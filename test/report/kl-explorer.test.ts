/** The KL explorer's readout cards, from the function the page calls. */
import { describe, expect, it } from "vitest";
import { parsePair } from "../../src/divergences/index.js";
import { klCards } from "../../web/explorables/kl.js";

describe("KL explorer cards", () => {
  it("show the value and method, or why double precision cannot evaluate the pair", () => {
    const [variance, std] = parsePair("N(0, 1e300)", "N(0, 1e-300)");
    // read as variances the σ are 1e150 and 1e-150, and D_KL(Q‖P) = 300 ln 10 − ½ + ~0
    // while D_KL(P‖Q) = 300 ln 10 + ½(1e600 − 1) is beyond double precision: each card says its own
    const fine = klCards(variance!);
    expect(fine.qp).toEqual({
      value: "690",
      detail: `closed-form; reading: ${variance!.label}`,
      infinite: false,
    });
    expect(fine.pq).toEqual({
      value: "–",
      detail:
        "D_KL(P‖Q) for P = N(mu=0, sigma=1e+150) and Q = N(mu=0, sigma=1e-150) is beyond double precision: a parameter is too large or too small for its closed form",
      infinite: false,
    });
    // read as standard deviations σ_P/σ_Q = 1e600: the page says so instead of throwing
    const cards = klCards(std!);
    const why =
      "D_KL(P‖Q) for P = N(mu=0, sigma=1e+300) and Q = N(mu=0, sigma=1e-300) is beyond double precision: a parameter is too large or too small for its closed form";
    expect(cards.pq).toEqual({ value: "–", detail: why, infinite: false });
    expect(cards.qp.detail).toBe(
      "D_KL(Q‖P) for Q = N(mu=0, sigma=1e-300) and P = N(mu=0, sigma=1e+300) is beyond double precision: a parameter is too large or too small for its closed form",
    );
  });
});
