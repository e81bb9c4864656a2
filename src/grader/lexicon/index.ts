/**
 * Every language the grader reads, merged into one word list per role. Which language a transcript
 * is in does not matter: a cue in any of them counts, since real files mix languages.
 */

import { af } from "./af.js";
import { am } from "./am.js";
import { ar } from "./ar.js";
import { az } from "./az.js";
import { be } from "./be.js";
import { bg } from "./bg.js";
import { bn } from "./bn.js";
import { bs } from "./bs.js";
import { ca } from "./ca.js";
import { cs } from "./cs.js";
import { cy } from "./cy.js";
import { da } from "./da.js";
import { de } from "./de.js";
import { el } from "./el.js";
import { en } from "./en.js";
import { eo } from "./eo.js";
import { es } from "./es.js";
import { et } from "./et.js";
import { eu } from "./eu.js";
import { fa } from "./fa.js";
import { fi } from "./fi.js";
import { fo } from "./fo.js";
import { fr } from "./fr.js";
import { ga } from "./ga.js";
import { gl } from "./gl.js";
import { gu } from "./gu.js";
import { ha } from "./ha.js";
import { he } from "./he.js";
import { hi } from "./hi.js";
import { hr } from "./hr.js";
import { hu } from "./hu.js";
import { hy } from "./hy.js";
import { id } from "./id.js";
import { ig } from "./ig.js";
import { is } from "./is.js";
import { it } from "./it.js";
import { ja } from "./ja.js";
import { jv } from "./jv.js";
import { ka } from "./ka.js";
import { kk } from "./kk.js";
import { km } from "./km.js";
import { kn } from "./kn.js";
import { ko } from "./ko.js";
import { ky } from "./ky.js";
import { lb } from "./lb.js";
import { lo } from "./lo.js";
import { lt } from "./lt.js";
import { lv } from "./lv.js";
import { mg } from "./mg.js";
import { mk } from "./mk.js";
import { ml } from "./ml.js";
import { mn } from "./mn.js";
import { botTags, modelNames } from "./models.js";
import { mr } from "./mr.js";
import { ms } from "./ms.js";
import { mt } from "./mt.js";
import { my } from "./my.js";
import { nb } from "./nb.js";
import { ne } from "./ne.js";
import { nl } from "./nl.js";
import { or } from "./or.js";
import { pa } from "./pa.js";
import { pl } from "./pl.js";
import { ps } from "./ps.js";
import { pt } from "./pt.js";
import { qu } from "./qu.js";
import { ro } from "./ro.js";
import { ru } from "./ru.js";
import { rw } from "./rw.js";
import { si } from "./si.js";
import { sk } from "./sk.js";
import { sl } from "./sl.js";
import { so } from "./so.js";
import { withoutMarks } from "./spelling.js";
import { sq } from "./sq.js";
import { sr } from "./sr.js";
import { sv } from "./sv.js";
import { sw } from "./sw.js";
import { ta } from "./ta.js";
import { te } from "./te.js";
import { tg } from "./tg.js";
import { th } from "./th.js";
import { ti } from "./ti.js";
import { tk } from "./tk.js";
import { tl } from "./tl.js";
import { tr } from "./tr.js";
import { tt } from "./tt.js";
import type { Lexicon } from "./types.js";
import { ug } from "./ug.js";
import { uk } from "./uk.js";
import { ur } from "./ur.js";
import { uz } from "./uz.js";
import { vi } from "./vi.js";
import { xh } from "./xh.js";
import { yo } from "./yo.js";
import { zh } from "./zh.js";
import { zu } from "./zu.js";

export type { Lexicon };
export { botTags, modelNames };

export const languages: Lexicon[] = [
  en,
  es,
  fr,
  de,
  pt,
  it,
  nl,
  ru,
  zh,
  ja,
  ko,
  vi,
  tr,
  pl,
  hi,
  ar,
  id,
  fa,
  uk,
  he,
  cs,
  sv,
  th,
  ro,
  el,
  fi,
  hu,
  bn,
  sw,
  ms,
  da,
  nb,
  ca,
  ta,
  ur,
  et,
  lv,
  lt,
  bg,
  hr,
  sr,
  sk,
  sl,
  ka,
  hy,
  az,
  kk,
  uz,
  eu,
  gl,
  is,
  tl,
  mr,
  te,
  am,
  sq,
  mn,
  mk,
  be,
  af,
  cy,
  ne,
  si,
  km,
  my,
  ga,
  lb,
  ky,
  mt,
  ha,
  xh,
  yo,
  zu,
  so,
  ps,
  tg,
  lo,
  ig,
  qu,
  fo,
  bs,
  eo,
  rw,
  mg,
  jv,
  tk,
  or,
  gu,
  pa,
  kn,
  ml,
  ti,
  ug,
  tt,
];

type WordKey = Exclude<
  keyof Lexicon,
  "language" | "numbers" | "partLetters" | "spokenNumbers" | "glosses"
>;

/**
 * All languages' words for one role, longest first (so "final answer" is tried before "answer"),
 * each also as people type it without its diacritics ("đáp án cuối cùng" → "dap an cuoi cung",
 * "respuesta" stays): phrases of five letters or more only, where a folded word is rarely another
 * language's.
 */
export function words(key: WordKey): string[] {
  const all = new Set(languages.flatMap((l) => l[key] ?? []));
  for (const w of [...all]) {
    const plain = withoutMarks(w);
    if (plain !== w && plain.replace(/[^\p{L}]/gu, "").length >= 5) all.add(plain);
  }
  return [...all].sort((a, b) => b.length - a.length);
}

/** Every language's number words with their values ("three" → 3, "drei" → 3). */
export function numberWords(): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of languages)
    for (const [k, ws] of l.numbers.entries()) for (const w of ws) out.set(w, k + 1);
  return out;
}

/** The languages that say how speech writes numbers, with their words. */
export function spokenNumberWords(): NonNullable<Lexicon["spokenNumbers"]>[] {
  return languages.flatMap((l) => (l.spokenNumbers ? [l.spokenNumbers] : []));
}

/**
 * Every language's concept stems by the English words they gloss, in the order the languages
 * first give each gloss (src/grader/extract.ts adds the English to an explanation they match).
 */
export function conceptGlosses(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const l of languages)
    for (const [en, stems] of Object.entries(l.glosses ?? {}))
      out.set(en, [...(out.get(en) ?? []), ...stems]);
  return out;
}

/** Every language's own part letters with the Latin letter each stands for ("б" → "b", "ख" → "b"). */
export function partLetterMap(): Map<string, string> {
  const out = new Map<string, string>();
  for (const l of languages)
    for (const [k, c] of l.partLetters.entries()) out.set(c, String.fromCharCode(97 + k));
  return out;
}
