import type { Lexicon } from "./types.js";

/** Japanese: no spaces between words, so phrases match as written. */
export const ja: Lexicon = {
  language: "ja",
  personLabels: ["あなた", "ユーザー", "私", "学生", "質問"],
  modelLabels: ["アシスタント", "回答", "モデル"],
  said: ["の発言", "が言いました"],
  reasoning: ["思考プロセス", "推論", "思考を表示"],
  reasoningDuration: ["思考時間", "秒間思考"],
  answer: ["答え", "最終回答", "回答", "解答", "結論", "まとめ"],
  revision: ["修正", "訂正", "実は", "おっしゃる通り", "間違えました", "新しい回答"],
  retraction: ["取り消し", "待って"],
  problem: ["問題", "問", "設問"],
  part: ["小問", "パート"],
  leadIn: ["について"],
  commentary: ["私の意見では", "同意しません", "個人的には", "と思います", "自信がない"],
  commentaryWeak: ["説明"],
  judgedRight: ["正しい", "正解"],
  judgedWrong: ["間違い", "誤り", "不正解", "逆", "べき"],
  negation: ["ない", "ません", "不"],
  request: ["お願いします", "解いて", "教えて", "次", "ありがとう"],
  ticked: ["チェック", "はい"],
  unticked: ["チェックなし", "いいえ"],
  optionNouns: ["図", "グラフ", "曲線", "選択肢", "パネル", "実験"],
  only: ["のみ", "だけ"],
  both: ["両方", "どちらも"],
  preferred: ["答え", "最も良い", "より良い", "最適", "最良", "選ぶ", "正しい"],
};
