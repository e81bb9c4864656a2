import { describe, expect, it } from "vitest";
import { homework } from "../../problems/homework.js";
import { findConcepts } from "../extract.js";
import { conceptGlosses } from "./index.js";

describe("concept glosses", () => {
  it("merge every language's stems under the English they gloss, French's before German's", () => {
    const g = conceptGlosses();
    expect(g.get("scale axis")).toEqual(["échelle", "skal", "achse"]);
    expect(g.get("separat overlap")).toEqual(["séparé", "chevauch", "getrennt", "überlapp"]);
    expect([...g.keys()].slice(0, 3)).toEqual(["mass covering cover", "spread", "averag"]);
  });

  it("read an explanation in French or German for the concepts written in English", () => {
    const concepts = (id: string) => homework.parts.find((p) => p.id === id)!.concepts;
    expect(findConcepts("Les échelles diffèrent.", concepts("3d-i"))).toEqual(new Set(["scale"]));
    expect(findConcepts("Die Achsen werden kleiner.", concepts("3d-i"))).toEqual(
      new Set(["scale"]),
    );
    expect(findConcepts("Les classes sont bien séparées.", concepts("3d-ii"))).toEqual(
      new Set(["separation"]),
    );
    expect(findConcepts("Die Klassen sind getrennt.", concepts("3d-ii"))).toEqual(
      new Set(["separation"]),
    );
  });
});
