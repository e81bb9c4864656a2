/** The parser-based reading of transcripts: Markdown lines, speakers, part labels, decoding, linear time. */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { closedFormTools } from "../../test/fixtures/transcripts/closed-form-tools.js";
import { exampleKey } from "../../test/fixtures/transcripts/example-key.js";
import { homework } from "../problems/homework.js";
import { grade } from "./grade.js";
import { readJudgment } from "./judgments.js";
import { readMarkdown } from "./markdown.js";
import { partRefs, readMarker } from "./parts.js";
import { speakerLabels } from "./speakers.js";
import {
  decodeTranscript,
  normalizeTranscript,
  type ParsedTranscript,
  parseTranscript,
  segmentTranscript,
} from "./transcript.js";

const letters = new Set(["a", "b", "c", "d"]);
const roles = (text: string) => segmentTranscript(text, homework).map((s) => s.role);
/** The role a reading of `text` gives the line where `needle` first stands. */
const roleOfLineWith = (read: ParsedTranscript, text: string, needle: string) =>
  read.roles[text.slice(0, text.indexOf(needle)).split("\n").length - 1]!.role;
/** The names of the speaker labels a reading finds, in order. */
const labelNames = (read: ParsedTranscript) =>
  [...read.segmentation.labels.values()].map((l) => l.name);

describe("part labels", () => {
  it.each([
    ["Part (c): curves", { letter: "c", strong: true }],
    ["**(d)** i. foo", { letter: "d", sub: "i" }],
    ["3d-i. (a) β = 1e-3", { problem: 3, letter: "d", sub: "i", strong: true }],
    ["2a. P = U(0, 1)", { problem: 2, letter: "a", strong: true }],
    ["On (a) you are right", { letter: "a" }],
    ["Q2  KL", { problem: 2, strong: true }],
    ["Problema 2.", { problem: 2, strong: true }],
    ["**3. (c)**", { problem: 3, letter: "c", strong: true }],
    ["ii. The best", { sub: "ii" }],
    ["Problem three: the VIB", { problem: 3, strong: true }],
    ["2)a) P = U(0, 1)", { problem: 2, letter: "a", strong: true }],
    ["3)d)ii) El experimento", { problem: 3, letter: "d", sub: "ii" }],
    ["السؤال الثاني", { problem: 2, strong: true }],
    // a section number counts the parts in order
    ["Q2.1 — Exemplo de assimetria", { problem: 2, letter: "a", strong: true }],
    ["Q3.4.2 — Melhor espaço latente", { problem: 3, letter: "d", sub: "ii", strong: true }],
    ["**3.3** Kurve", { problem: 3, letter: "c", strong: true }],
    ["3.4.1: panels", { problem: 3, letter: "d", sub: "i", strong: true }],
    ["(d) ii：β = 1e-6", { letter: "d", sub: "ii" }],
    ["(d) i:(a) → 1e-3", { letter: "d", sub: "i" }],
  ])("%s", (line, want) => {
    expect(readMarker(line, letters)).toMatchObject(want);
  });
  it("a bare decimal at a line's start is a value, not a section number ('2.1 nats …')", () => {
    expect(readMarker("2.1 nats is the forward KL", letters)?.letter).toBeUndefined();
    expect(readMarker("Q2.7 foo", letters)?.letter).toBeUndefined();
  });
  it("a letter after an option noun is the option, not a part ('panel (a)', 'curva (b)')", () => {
    expect(partRefs("panel (a) axes ~[-1.5, 1.5]; panel (b) axes ~[-3, 7]", letters, true)).toEqual(
      [],
    );
    expect(partRefs("la curva (b) baja", letters, true)).toEqual([]);
    expect(partRefs("(c) rises; and (d) i.", letters, true).map((r) => r.letter)).toEqual([
      "c",
      "d",
    ]);
  });
  it("a reply that labels its parts is not re-read by a section's opening words ('(d) ii.' then 'β = 1e-3 (panel (a)).')", () => {
    const t = [
      "User: 3(d), both i and ii please",
      "",
      "Assistant:",
      "(d) i.",
      "",
      "Panel (a) is β = 1e-3, panel (b) is β = 1e-6 and panel (c) is β = 1.",
      "",
      "(d) ii. Which experiment gives the better latent space?",
      "",
      "β = 1e-3 (panel (a)). Its classes are compact and well separated, so the decoder reads them.",
      "",
    ].join("\n");
    const found = parseTranscript(t, homework).candidates;
    expect(found.get("3d-ii")!.at(-1)!.body).toContain("β = 1e-3 (panel (a))");
    expect(found.get("3d-i")!.at(-1)!.body).not.toContain("β = 1e-3 (panel (a))");
  });
  it("a letter followed by a word is not a sub-part ('c) i think'), and prose is no label", () => {
    expect(readMarker("c) i think", letters)).toMatchObject({ letter: "c" });
    expect(readMarker("c) i think", letters)?.sub).toBeUndefined();
    expect(readMarker("Because the logits grow", letters)).toBeUndefined();
    expect(readMarker("a normal with variance four", letters)).toBeUndefined();
    // an answer's opening is no label, though it names the answer
    for (const line of ["c) The answer is (d): an upside-down U.", "The answer is: (b)"])
      expect(parseTranscript(`Assistant:\n${line}`, homework).segmentation.labels.size).toBe(1);
    // a sentence is not a speaker's name
    expect(
      parseTranscript("**Gemini:**\n\n> Pengguna minta semua bagian. Soal 1: skala logit", homework)
        .segmentation.labels.size,
    ).toBe(1);
  });
  it("a sub-part numeral after a letter before a word of a script without spaces ('(d) i 번이요', '(d) ii는요'), not before a Latin word", () => {
    const refs = (t: string) => partRefs(t, letters, true).map((r) => `${r.letter}${r.sub ?? ""}`);
    expect(refs("(d) i 번이요. 숫자 3개")).toEqual(["di"]);
    expect(refs("그럼 (d) ii는요?")).toEqual(["dii"]);
    expect(refs("c) i think")).toEqual(["c"]);
    expect(refs("(d) i. foo")).toEqual(["di"]);
  });
  it("a number before its problem word ('2. feladat', '3. soru') names the problem strongly; '1. The bug' stays a weak number", () => {
    expect(readMarker("2. feladat – KL divergencia", letters)).toMatchObject({
      problem: 2,
      strong: true,
    });
    expect(readMarker("3. soru: VIB", letters)).toMatchObject({ problem: 3, strong: true });
    expect(readMarker("1. The bug is on line 9", letters)).toMatchObject({ strong: false });
  });
  it("a revision word leads a label its colon closes ('Poprawione (d) ii.:', 'Corrected 2(a):'), not an option it judges ('Actually (b) is right')", () => {
    expect(readMarker("Poprawione (d) ii.: lepszą daje β = 10⁻³", letters)).toMatchObject({
      letter: "d",
      sub: "ii",
    });
    expect(readMarker("Corrected 2(a): P = U(0, 1)", letters)).toMatchObject({
      problem: 2,
      letter: "a",
    });
    expect(readMarker("Actually (b) is right", letters)).toBeUndefined();
    expect(readMarker("Corrected (b). The grid", letters)).toBeUndefined();
  });
  it("第 with a number counts a problem only before a problem word: '第3题', '第三題' are problem 3, '第一项' is the first term", () => {
    expect(readMarker(normalizeTranscript("第3题：VIB"), letters)).toMatchObject({ problem: 3 });
    expect(readMarker(normalizeTranscript("第三題（VIB）"), letters)).toMatchObject({ problem: 3 });
    expect(
      readMarker(normalizeTranscript("第一项为任务损失，第二项为正则项"), letters),
    ).toBeUndefined();
    expect(partRefs("第3题", letters, true)).toMatchObject([{ problem: 3 }]);
  });
  it("a reference run into a script without spaces is read ('次は2(b)です', '次は問題2(b)', '接下来是3(c)')", () => {
    for (const [ask, id] of [
      ["次は2(b)です。", "2b"],
      ["次は問題2(b)です。", "2b"],
      ["接下来是3(c)。", "3c"],
    ]) {
      const t = `You:\n${ask}\n\nChatGPT:\n図A が順方向、図B が逆方向です。曲線 (b)。\n`;
      expect([...parseTranscript(t, homework).candidates.keys()], ask).toContain(id);
    }
  });
});

describe("who is speaking", () => {
  it("labels in other wordings and languages, with a version, or with the answer on the same line", () => {
    for (const [person, model] of [
      ["**Tú dijiste:**", "**ChatGPT dijo:**"],
      ["Vous avez dit :", "ChatGPT a dit :"],
      ["**User:**", "**Assistant (GPT-4o mini):**"],
      ["你说：", "**Qwen3-235B:**"],
    ]) {
      const t = `${person}\nProblem 3 (c), which curve?\n\n${model} (b), the U-shaped one.\n\n${person}\nthanks\n`;
      expect(roles(t)).toEqual(["person", "model", "person"]);
    }
  });
  it("a label naming the model's answer ('Respuesta de Gemini:') is the model's; with only the model labelled, a rule then text before its next answer is the next question", () => {
    const t = [
      "Tarea 12. Le pregunté el problema 3(c): ¿qué curva?",
      "",
      "Respuesta de Gemini:",
      "",
      "La curva (b): mínimo en un β moderado.",
      "",
      "---",
      "",
      "Después le pregunté: ¿y el 3(a)? ¿Cómo es el diagrama de bloques?",
      "",
      "Respuesta de Gemini:",
      "",
      "Z = μ + σ·V: un multiplicador y un sumador.",
    ].join("\n");
    expect(roles(t)).toEqual(["person", "model", "person", "model"]);
    expect([...parseTranscript(t, homework).candidates.keys()]).toEqual(["3c", "3a"]);
  });
  it("a page's title naming the model ('Conversación con Gemini') is no speaker label; a line opening with its name is", () => {
    const t = (title: string) =>
      parseTranscript(`${title}\n\nHola, ¿me ayudas con el 3(c)? ¿Qué curva es?\n`, homework)
        .segmentation.labels.size;
    expect(t("Conversación con Gemini")).toBe(0);
    expect(t("Conversation with Claude")).toBe(0);
    // the app's name over the page, once, before the person's first message, is its header
    expect(t("Gemini 2.5 Pro")).toBe(0);
    expect(t("**Gemini 2.5 Pro**")).toBe(1);
    expect(t("Gemini 2.5 Pro:")).toBe(1);
  });
  it("a chat page copied whole: the person's avatar initials mark their messages, the model's unlabelled reply follows each, and its model picker is no turn", () => {
    const t = [
      ...["Claude", "New chat", "Chats", "Recents", "VIB homework", "KT", "Kim Tran", "Pro plan"],
      "",
      "KT",
      "",
      "hi! can you do 3(c) for me? which curve shows validation error against β?",
      "",
      "Weighed regularisation strength against information loss",
      "",
      "The answer is (b). At a tiny β the bottleneck does almost nothing and the network overfits; a moderate β compresses nuisance detail away and generalises best; at a large β the KL term dominates, Z forgets the label and the error shoots up.",
      "",
      "Copy",
      "Retry",
      "",
      "KT",
      "",
      "thanks! and 3(a), the block diagram?",
      "",
      "Z = μ(x) + σ(x)·V: one multiplier forms σ(x)·V from the noise, and one adder adds μ(x) to it, so the randomness enters as an input and gradients reach μ and σ.",
      "",
      "Claude Sonnet 4.5",
      "",
    ].join("\n");
    expect(roles(t)).toEqual(["person", "person", "person", "model", "person", "model"]);
    const found = parseTranscript(t, homework).candidates;
    expect([...found.keys()]).toEqual(["3c", "3a"]);
    expect([...found.values()].flat().every((c) => c.role === "model")).toBe(true);
  });
  it("a name without capitals under the avatar (山田 陽介 under YS) still makes the initials the person's mark; the pasted problem's setting between two questions stays in the message", () => {
    const t = [
      ...["Claude", "新規チャット", "最近の項目", "YS", "山田 陽介", "Proプラン", ""],
      "YS",
      "",
      "問題3の(a)をお願いします。",
      "",
      "エンコーダは平均 μ(x) と標準偏差 σ(x) を出力し、ノイズ V は x と独立である。",
      "",
      "(a) μ, σ, V から Z を作るブロック図を描け（乗算器1つ、加算器1つ）。",
      "",
      "再パラメータ化の図を整理した",
      "",
      "Z = μ(x) + σ(x)·V です。乗算器がノイズ V に σ(x) を掛け、加算器が μ(x) を足します。ランダム性は外部入力 V に押し出されるので、μ と σ まで勾配が届きます。",
      "",
      "V ~ N(0,1) は x と独立なので Z ~ N(μ(x), σ(x)²) となり、∂Z/∂μ = 1、∂Z/∂σ = V です。サンプリングを挟んでも、エンコーダのパラメータまで誤差逆伝播でき、これが再パラメータ化トリックと呼ばれる理由です。",
      "",
      "コピー",
      "",
      "Claude Sonnet 4.5",
      "",
    ].join("\n");
    const read = parseTranscript(t, homework);
    expect(roleOfLineWith(read, t, "エンコーダは平均")).toBe("person");
    expect(roleOfLineWith(read, t, "(a) μ, σ, V")).toBe("person");
    expect(roleOfLineWith(read, t, "Z = μ(x) + σ(x)·V です")).toBe("model");
    expect([...read.candidates.keys()]).toEqual(["3a"]);
  });
  it("a note under the heading the introduction quotes for the annotator's notes is commentary, not the model's text", () => {
    const t = [
      "# Worksheet 12: reading a chatbot's answer critically",
      "",
      "*A student's chat, copied with permission. My remarks are boxed as « ✎ Tutor's remark ».*",
      "",
      "**Student:** Problem 1: which line is the bug, and why does the fix work?",
      "",
      "**Assistant:** Line 9: initialise the tied embedding with std 0.02, the GPT-2 convention, which keeps training stable.",
      "",
      "> **✎ Tutor's remark.** Acceptable fix, but the reason is missing: each logit sums d_model terms, so its std grows like σ·√d_model and the softmax saturates.",
      "",
      "> **Note:** position embeddings can stay as they are.",
    ].join("\n");
    const read = parseTranscript(t, homework);
    expect(roleOfLineWith(read, t, "> **✎ Tutor's remark.**")).toBe("commentary");
    // a note the introduction does not quote stays the model's
    expect(roleOfLineWith(read, t, "> **Note:**")).toBe("model");
  });
  it("WhatsApp's Android export: 'date, time - Name: message', the hyphen after the time no part of it", () => {
    const t = [
      "03/12/2025, 20:41 - Messages are end-to-end encrypted.",
      "03/12/2025, 20:42 - Juma: 3(c) ni curve gani?",
      "03/12/2025, 20:43 - Meta AI: Curve (b): chini kwa β ndogo, chini kabisa kwa β ya wastani, kisha inapanda.",
      "12/3/25, 8:44 PM - Juma: asante",
    ].join("\n");
    expect(labelNames(parseTranscript(t, homework))).toEqual(["juma", "meta ai", "juma"]);
  });
  it("where only the person is marked, their message's first paragraph is theirs even when it does not read as asking; the reply after it is the model's", () => {
    const t = [
      ...["Claude", "New chat", "Recents", "KT", "Kim Tran", ""],
      "KT",
      "",
      "Задача 3(c), кривые ошибки валидации от β.",
      "",
      "Правильная кривая — (b).",
      "",
      "Почему не (d)?",
      "",
      "Потому что при очень малом β узкое место почти не действует и сеть переобучается; умеренное β отбрасывает лишние детали входа и даёт наименьшую ошибку; при большом β член KL доминирует, Z забывает метку, и ошибка резко растёт.",
      "",
      "KT",
      "",
      "спасибо",
      "",
    ].join("\n");
    const read = parseTranscript(t, homework);
    expect(roleOfLineWith(read, t, "Задача 3(c)")).toBe("person");
    expect(roleOfLineWith(read, t, "Правильная кривая")).toBe("model");
    expect(read.candidates.get("3c")?.every((c) => c.role === "model")).toBe(true);
  });
  it("where only the model's thinking marks its replies, the text before each that asks is the person's (after the page's own name, or after a rule)", () => {
    const t = [
      ...["Grok", "Home", "Explore", "Grok", "Bookmarks", "", "New chat", ""],
      "Which curve shows validation error against β in 3(c)? Here are the options: (a) rises, (b) low then lowest at a moderate β then up, (c) falls, (d) rises then falls.",
      "",
      "Thought for 20s",
      "",
      "**Answer: (b).** A moderate β regularises; a large one erases the label from Z.",
      "",
      "---",
      "",
      "thanks! and 3(a): how is Z made from μ, σ and V?",
      "",
      "Thought for 9s",
      "",
      "Z = μ + σ·V: one multiplier and one adder.",
      "",
    ].join("\n");
    const parsed = parseTranscript(t, homework);
    const said = (needle: string) => roleOfLineWith(parsed, t, needle);
    expect(said("Which curve")).toBe("person");
    expect(said("thanks! and 3(a)")).toBe("person");
    expect(said("**Answer: (b)")).toBe("model");
    expect(said("Z = μ + σ·V")).toBe("model");
    expect([...parsed.candidates.keys()]).toEqual(["3c", "3a"]);
  });
  it("thoughts about the user copied as plain text end where the answer walks the parts again (DeepSeek's timed opener; Claude's 'Thought process' and its summary line)", () => {
    const cases = [
      [
        "已深度思考（用时 12 秒）",
        "嗯，用户问的是(b)和(c)。",
        "(b) 任务损失对两者都有梯度。",
        "(c) 应该是曲线 (b)。",
        "好的，下面逐题解答。",
        "(b) 梯度流向：任务损失 → θe、θd；正则项 → θe。",
        "(c) 答案：曲线 (b)。",
      ],
      [
        "Thought process",
        "Worked through gradients and the β curve.",
        "The user asks about (b) and (c).",
        "(b) Task loss reaches both; the regulariser only θe.",
        "(c) Classic result, curve (b).",
        "Voici les réponses.",
        "(b) Flux de gradient : la perte de tâche atteint θe et θd ; le régulariseur θe seul.",
        "(c) Réponse : courbe (b).",
      ],
    ];
    for (const c of cases) {
      const t = ["User: 3(b) and 3(c)?", "", ...c.flatMap((l) => [l, ""])].join("\n");
      const parsed = parseTranscript(t, homework);
      const role = (needle: string) => roleOfLineWith(parsed, t, needle);
      expect(role(c[c.length - 1]!), c[0]).toBe("model");
      expect(role(c[c.length - 2]!), c[0]).toBe("model");
      expect(role(c[c.length - 4]!), c[0]).toBe("reasoning");
    }
  });
  it("after a thinking time, thoughts copied as plain text end where the answer starts over at a part they worked through, whoever they speak of; a short option line passes no part", () => {
    const thoughts = [
      "已深度思考（用时 30 秒）",
      "嗯，这是一道关于变分信息瓶颈的题，一共四小题。先理一下结构：编码器输出高斯分布的参数，再交给分类器。",
      "(b) 任务损失显然依赖 θd。它依赖 θe 吗？V 当作外部输入，所以 z 对 θe 可导，梯度能传回编码器。正则项只和 θe 有关。",
      "(c) β 很小时相当于确定性网络；β 适中时有正则化效果，误差最低；β 很大时误差急剧上升。这对应 (b)。",
      "好，整理答案。",
      "(b) 梯度流向",
      "任务损失 → θe ✅ θd ✅；正则项 → θe ✅ θd ❌。",
      "(c) 曲线 (b)。",
    ];
    const t = ["User: 3(b) 和 3(c)", "", ...thoughts.flatMap((l) => [l, ""])].join("\n");
    const read = parseTranscript(t, homework);
    expect(roleOfLineWith(read, t, "(b) 任务损失显然")).toBe("reasoning");
    expect(roleOfLineWith(read, t, "(b) 梯度流向")).toBe("model");
    expect(read.candidates.get("3c")?.map((c) => c.role)).toEqual(["reasoning", "model"]);
    // thoughts that work through whole problems end where the answer starts over at the title of
    // one they passed ("第1题，…。" … then "第1题：Transformer 初始化 bug")
    const byProblem = [
      "已深度思考（用时 41 秒）",
      "嗯，用户给了一整份作业，三道题，我一道一道来。",
      "第1题，输出头和词嵌入共享权重，N(0,1) 太大了。改第9行就行。",
      "第2题(a)，经典例子用均匀分布。P=U(0,1)，Q=U(0,2)。",
      "好，整理答案。",
      "第1题：Transformer 初始化 bug",
      "问题所在：第 9 行 emb_word.weight 用 N(0,1) 初始化。",
      "第2题：KL 散度",
      "(a) P=U(0,1)，Q=U(0,2)。",
    ];
    const nv = normalizeTranscript(
      ["User: 第1题 和 第2题(a)", "", ...byProblem.flatMap((l) => [l, ""])].join("\n"),
    );
    const readByProblem = parseTranscript(nv, homework);
    expect(roleOfLineWith(readByProblem, nv, "第2题(a),经典")).toBe("reasoning");
    expect(roleOfLineWith(readByProblem, nv, "第1题:Transformer")).toBe("model");
    expect(roleOfLineWith(readByProblem, nv, "问题所在")).toBe("model");
    // on a page that marks no turn, the question right before the model's next thinking time is
    // the person's push-back, not the end of the last answer
    const pushBack = normalizeTranscript(
      [
        "已深度思考（用时 27 秒）",
        "",
        "(a) P = U(0,2)，Q = U(0,1)。",
        "",
        "等一下，(a) 里 P = U(0,2) 在 (1,2] 上有质量而 q = 0，你是不是把方向写反了？",
        "",
        "已深度思考（用时 11 秒）",
        "",
        "您说得对。修正后的 (a)：P = U(0, 1)，Q = U(0, 2)。",
      ].join("\n"),
    );
    const readPushBack = parseTranscript(`User: 2(a)\n\n${pushBack}`, homework);
    expect(roleOfLineWith(readPushBack, `User: 2(a)\n\n${pushBack}`, "等一下")).toBe("person");
    // a count is no reference: "一共四小题" (four sub-questions in all) is not the fourth
    expect(partRefs("一共四小题。", letters, true)).toEqual([]);
    expect(partRefs("第四小题", letters, true).map((r) => r.letter)).toEqual(["d"]);
    // an answer under titled parts, then a table's rows under panel letters, is no restart
    const titled = [
      "ChatGPT said:",
      "Thought for 14s",
      "(c) Validation error against β",
      "Curve (b): a moderate β regularises, and a large β erases the label from Z.",
      "(d) Panels by axis scale",
      "(b)\t[−3, 7]\t1e-6",
      "(a)\t[−1.5, 1.5]\t1e-3",
      "(c)\t[−0.15, 0.15]\t1",
    ];
    const u = ["You said:", "3(c) and 3(d) i?", "", ...titled].join("\n");
    const read2 = parseTranscript(u, homework);
    expect(roleOfLineWith(read2, u, "(c) Validation error")).toBe("model");
    expect(roleOfLineWith(read2, u, "Curve (b)")).toBe("model");
    // nor is a new problem's "(a)" after the last one's parts; and "Reasoning:" over a paragraph
    // of reasons is the answer's, not a thinking block's opener
    const problems = [
      "ChatGPT dijo:",
      "Pensó durante 47s",
      "Problema 2",
      "(a) P = U(0, 1) y Q = U(0, 2). La KL directa vale log 2, la inversa es infinita.",
      "(b) A es la KL directa, B la inversa. La directa cubre la masa; la inversa busca un modo.",
      "Problema 3",
      "(a) Un multiplicador forma σ(x)·V y un sumador le suma μ(x). Así Z = μ(x) + σ(x)·V.",
      "Razonamiento: el regularizador β·D_KL(N(μ, σ²) ‖ N(0, I)) solo depende de μ y de σ, es decir de θe, y la pérdida de tarea depende de θd y, a través de z, de θe.",
      "(c) Curva (b). Con un β moderado el error es mínimo.",
    ];
    // under the model's label the thinking stays folded: an answer that restates its parts at
    // its end is still the answer ("ChatGPT dijo:", "Pensó durante 38s", …, "Resumen", "(a) …")
    const restated = [
      "ChatGPT dijo:",
      "Pensó durante 38s",
      "(a) Un multiplicador forma σ(x)·V y un sumador le suma μ(x). Así Z = μ(x) + σ(x)·V.",
      "(c) La curva baja y plana con β pequeño, mínima con β moderado. Luego se dispara.",
      "Con β grande domina el término KL y Z olvida la etiqueta.",
      "Resumen",
      "(a) multiplicador y sumador.",
      "(c) Curva (d).",
    ];
    const w = ["Tú dijiste:", "3(a) y 3(c)", "", ...restated.flatMap((l) => [l, ""])].join("\n");
    const read4 = parseTranscript(w, homework);
    expect(roleOfLineWith(read4, w, "(a) Un multiplicador")).toBe("model");
    // the final answers walk the parts again: their "(c)" is 3(c)'s last word
    expect(read4.candidates.get("3c")?.map((c) => [c.role, c.summary])).toEqual([
      ["model", false],
      ["model", true],
    ]);
    // a plain final-answers heading opens its paragraph ("Ringkasan Jawaban" right over "(a) …"),
    // and only over restated labels: "Summary:" over the part's own lines stays in the part
    const gemini = [
      "User: tolong kerjakan soal 3 (b) dan (c)",
      "",
      "Gemini:",
      "Bagian (b): Aliran Gradien",
      "Task loss → θd saja; latent regularizer → θe saja, karena θd tidak muncul di KL.",
      "",
      "Bagian (c): Validation Error vs β",
      "Jawaban: kurva (b). β sedang memberi error paling rendah.",
      "",
      "Ringkasan Jawaban",
      "(b) Task loss → θe dan θd; latent regularizer → θe.",
      "",
      "(c) Kurva (b).",
    ].join("\n");
    const read5 = parseTranscript(gemini, homework);
    expect(read5.candidates.get("3b")?.map((c) => c.summary)).toEqual([false, true]);
    const claude = [
      "User: 2(b)?",
      "",
      "Assistant: For (b), the two fits differ in what they average over.",
      "",
      "Summary:",
      "    A → forward KL (P||Q), mass-covering",
      "    B → reverse KL (Q||P), mode-seeking",
    ].join("\n");
    const read6 = parseTranscript(claude, homework);
    expect(read6.candidates.get("2b")?.at(-1)?.body).toContain("A → forward KL");
    const v = ["Tú dijiste:", "problemas 2 y 3", "", ...problems].join("\n");
    const read3 = parseTranscript(v, homework);
    for (const needle of ["(a) P = U", "(a) Un multiplicador", "Razonamiento:", "(c) Curva"])
      expect(roleOfLineWith(read3, v, needle), needle).toBe("model");
  });
  it("a chat app's handle is a sender ('jonah_w — 12/03/2025 10:02 PM'); where both parties are named, 'linha 9:' is a reference, not a third speaker", () => {
    const chat = [
      "jonah_w — 12/03/2025 10:02 PM",
      "anyone done 3(c)? which curve is it",
      "",
      "priya — 12/03/2025 10:05 PM",
      "ask the bot",
      "",
      "jonah_w — 12/03/2025 10:06 PM",
      "ok, @bot which curve for 3(c)?",
      "",
    ].join("\n");
    const names = (text: string) => labelNames(parseTranscript(text, homework));
    expect(names(chat)).toEqual(["jonah_w", "priya", "jonah_w"]);
    const pt = [
      "Você disse:",
      "Problema 1. linha 9: emb_word.weight ~ N(0, 1); linha 10: emb_pos.weight ~ N(0, 1). Qual é o bug?",
      "",
      "O ChatGPT disse:",
      "A linha 9 é o bug: os logits crescem como √d_model.",
      "",
      "linha 9: nn.init.normal_(emb_word.weight, std=d_model ** -0.5)",
      "",
    ].join("\n");
    expect(names(pt)).toEqual(["você", "o chatgpt"]);
  });
  it("a timestamp closed by its time zone is a boundary, not a sender ('2025/12/03 22:14:52 JST'); a one-word heading in a reply is a section, not a third party", () => {
    const stamped = (stamp: string) =>
      [
        stamp,
        "3(c) welche Kurve?",
        "",
        stamp,
        "**Antwort: (b)**",
        "",
        stamp,
        "und 3(a)?",
        "",
        stamp,
        "Ein Multiplikator und ein Addierer: Z = μ + σ·V.",
      ].join("\n");
    for (const stamp of [
      "2025/12/03 22:14:52 JST",
      "30.11.2025, 23:58:41 MEZ",
      "Dec 3, 2025, 10:14:52 PM EST",
      "Dec 3, 2025, 10:14 PM GMT+1",
      "2025-12-03T22:14:52+09:00",
    ]) {
      const p = parseTranscript(stamped(stamp), homework);
      expect(labelNames(p), stamp).toEqual([]);
      expect(roleOfLineWith(p, stamped(stamp), "**Antwort"), stamp).toBe("model");
      expect(roleOfLineWith(p, stamped(stamp), "und 3(a)"), stamp).toBe("person");
    }
    const sections = [
      "**User:**",
      "2(b): welcher Plot ist welche KL?",
      "",
      "**Assistant:**",
      "Plot A: Vorwärts-KL, Plot B: Rückwärts-KL.",
      "",
      "### Begründung",
      "Die Vorwärts-KL mittelt über P und muss beide Moden abdecken.",
      "",
      "**User:**",
      "und 3(c)?",
      "",
      "**Assistant:**",
      "Kurve (b).",
      "",
      "### Begründung",
      "Ein moderates β regularisiert.",
    ].join("\n");
    const read = parseTranscript(sections, homework);
    expect(labelNames(read)).toEqual(["user", "assistant", "user", "assistant"]);
    expect(roleOfLineWith(read, sections, "Die Vorwärts-KL")).toBe("model");
  });
  it("a forum's comment header ('u/kl_annealer · 4h') opens a commenter's message: their answers are not the model's", () => {
    const t = [
      "**Me:** 3(d) i and ii please",
      "",
      "**Kimi:** I need the figure to assign the panels.",
      "",
      "u/bayes_or_bust · 5h",
      "For (d) the cleanest clusters are β = 1e-6, so (a)=1e-6, (b)=1e-3, (c)=1.",
      "    ▲ 4 ▼ · Reply",
      "",
      "u/kl_annealer OP · 4h",
      "No, read the axes: (a) = 1e-3, (b) = 1e-6, (c) = 1.",
    ].join("\n");
    const read = parseTranscript(t, homework);
    expect(labelNames(read)).toEqual(["me", "kimi", "bayes_or_bust", "kl_annealer"]);
    expect(roleOfLineWith(read, t, "For (d) the cleanest")).not.toBe("model");
    expect(roleOfLineWith(read, t, "No, read the axes")).not.toBe("model");
  });
  it("a label framed like a known speaker's is a speaker too, prose words and all ('Sent by you:' beside 'Sent by Copilot:')", () => {
    for (const [person, role] of [
      ["Sent by you:", "person"],
      ["Sent by Jamie:", "person"],
      ["Message from you:", "person"],
    ] as const) {
      const model = person.replace(/\S+:$/, "Copilot:");
      const t = [
        person,
        "Problem 3 (c): which curve, and why?",
        "",
        model,
        "(b): low at small β, lowest at a moderate β, then it shoots up.",
        "",
        person,
        "Are you sure? My TA said (d).",
        "",
        model,
        "Yes: (b).",
        "",
      ].join("\n");
      expect(roles(t), person).toEqual([role, "model", role, "model"]);
    }
  });
  it("a terminal session: each '>>> ' input is the person's, the output after it the model's", () => {
    const t = [
      "$ ollama run some-model",
      ">>> Problem 3. c) which curve? (a) rises (b) low, then a minimum, then up (c) falls (d) hump",
      "<think>",
      "Curves (a) and (c) are monotone.",
      "</think>",
      "",
      "**(b)** — the minimum sits at a moderate β.",
      "",
      ">>> d) i. assign β to the panels (a), (b), (c)",
      "**i.** (a) → 1e-3, (b) → 1e-6, (c) → 1",
      ">>> /bye",
    ].join("\n");
    const parsed = parseTranscript(t, homework);
    const roleAt = (i: number) => parsed.roles[i]!.role;
    expect([1, 3, 6, 8, 9, 10].map(roleAt)).toEqual([
      "person",
      "reasoning",
      "model",
      "person",
      "model",
      "person",
    ]);
    // the bold option opening the reply to "c)" is the option, and the reasoning and the visible
    // answer are two candidates of one part
    expect(parsed.candidates.get("3c")?.map((c) => c.role)).toEqual(["reasoning", "model"]);
    expect(parsed.candidates.get("3b")).toBeUndefined();
    expect(parsed.candidates.get("3d-i")?.[0]?.body).toMatch(/\(c\) → 1/);
  });
  it("one paragraph for several parts: each forward reference starts its part at its clause", () => {
    const t = [
      "User: all of problem 2 in one paragraph please",
      "",
      "Assistant: Sure. For 2(a) take P = U(0, 1) and Q = U(0, 2), since Q covers P; unlike 2(a), " +
        "2(b) is about shapes: plot A is the forward KL. Problem 3a is not asked. Ask if you want 3b too.",
    ].join("\n");
    const parsed = parseTranscript(t, homework);
    const body = (id: string) => parsed.candidates.get(id)?.map((c) => c.body);
    expect(body("2a")).toEqual(["For 2(a) take P = U(0, 1) and Q = U(0, 2), since Q covers P; "]);
    // "as in 2(a)" looks back and does not reopen (a); the clause of "2(b)" starts after the ';'
    expect(body("2b")).toEqual(["unlike 2(a), 2(b) is about shapes: plot A is the forward KL. "]);
    // a reference deep in a sentence about something else opens nothing
    expect(body("3a")).toEqual(["Problem 3a is not asked. Ask if you want 3b too."]);
    expect(body("3b")).toBeUndefined();
  });
  it("chat-app headers of a name and a time, and a time alone continuing the same sender", () => {
    const t = [
      "Ana Silva  9:02 AM",
      "can someone check my 3(c)? I'm not sure about it",
      "Tom Reyes  9:05 AM",
      "P3",
      "(c) curve (b), lowest error at a moderate β",
      "9:06",
      "(d) haven't done it",
      "Ana Silva  9:10 AM",
      "thanks!",
    ].join("\n");
    const parsed = parseTranscript(t, homework);
    expect(parsed.roles.map((r) => r.role)).toEqual([
      "person",
      "person",
      "model",
      "model",
      "model",
      "model",
      "model",
      "person",
      "person",
    ]);
    expect(parsed.candidates.get("3c")?.[0]?.body).toMatch(/curve \(b\)/);
    // a date before the time (Teams), and KakaoTalk's bracketed name and time with 오후
    const teams = parseTranscript(
      "Priya Natarajan  12/4/2025 3:41 PM\n3(c)?\n\nStudyBot  12/4/2025 3:43 PM\n(b)",
      homework,
    );
    expect(labelNames(teams)).toEqual(["priya natarajan", "studybot"]);
    const kakao = parseTranscript(
      "[김민준] [오후 3:41] 3(c) 뭐야?\n[튜터봇] [오후 3:42] 정답은 (b)",
      homework,
    );
    expect(labelNames(kakao)).toEqual(["김민준", "튜터봇"]);
    // a group chat with a bot: every unfamiliar name asks it, so the bot's unlabelled reply
    // answers the part a second classmate asked for
    const group = parseTranscript(
      [
        "Priya  3:41 PM",
        "ok, it is in the chat now",
        "Tom  3:47 PM",
        "@StudyBot 3(c): which curve?",
        "StudyBot  3:48 PM",
        "Lowest error at a moderate beta: the U-shaped one, (b).",
      ].join("\n"),
      homework,
    );
    expect(group.roles.map((r) => r.role).slice(0, 4)).toEqual([
      "person",
      "person",
      "person",
      "person",
    ]);
    expect(group.candidates.get("3c")?.[0]?.body).toMatch(/U-shaped one, \(b\)/);
    // the separator between name and time is not part of the name
    const dashed = parseTranscript("Ana — 10:01 PM\n3(c)?\n\nAna — 10:05 PM\nthanks", homework);
    expect(labelNames(dashed)).toEqual(["ana", "ana"]);
  });
  it("a dictated session: the one who works through the parts answers, parts named in words", () => {
    const t = [
      "Speaker 1  0:00",
      "Okay, recording. Problem two. Two B, plot A is the forward KL because the expectation is over P, and plot B is the reverse one, it sits on a single mode.",
      "Speaker 2  0:40",
      "Are you done yet?",
      "Speaker 1  0:42",
      "Almost. Problem three. Three C, I'd go with curve (b), lowest at a moderate beta. One a day is plenty, by the way.",
      "Speaker 2  1:10",
      "Dinner is ready.",
    ].join("\n");
    const parsed = parseTranscript(t, homework);
    expect(parsed.roles.map((r) => r.role)).toEqual([
      "model",
      "model",
      "person",
      "person",
      "model",
      "model",
      "person",
      "person",
    ]);
    expect(parsed.candidates.get("2b")?.[0]?.body).toMatch(/^Two B, plot A is the forward/);
    // "One a day" opens a sentence with a number word and a letter, but a lower-case, unclosed one
    expect(parsed.candidates.get("3c")?.[0]?.body).toMatch(/curve \(b\).*One a day/);
    expect(parsed.candidates.get("1")).toBeUndefined();
    // a diarizer's ids and bracketed times, and speech without punctuation
    const asr = [
      "SPEAKER_00 [00:00:02]",
      "okay um three c which of the curves is it",
      "SPEAKER_01 [00:00:09]",
      "it is curve b because at tiny beta the model is an ordinary classifier, the error is lowest at a moderate beta where the bottleneck regularises, and then it shoots up when beta is large and the code forgets the label",
      "SPEAKER_00 [00:00:30]",
      "cool and three d two which is better",
      "SPEAKER_01 [00:00:34]",
      "beta ten to the minus three the clusters are compact and well separated while at ten to the minus six the spread within each class is huge and at one the classes overlap near the origin",
    ].join("\n");
    const spoken = parseTranscript(asr, homework);
    expect(spoken.roles.map((r) => r.role)).toEqual([
      "person",
      "person",
      "model",
      "model",
      "person",
      "person",
      "model",
      "model",
    ]);
    expect(spoken.candidates.get("3c")?.[0]?.body).toMatch(/^it is curve b/);
    expect(spoken.candidates.get("3d-ii")?.[0]?.body).toMatch(/^beta ten to the minus three/);
  });
  it("an essay: parts named by ordinals, in its own order, open their paragraphs", () => {
    const t = [
      "User: answer as an essay, any order",
      "",
      "Assistant: I begin with the information bottleneck.",
      "",
      "On the third part of the third problem, I would choose curve (b), lowest at a moderate β.",
      "",
      "Turning to the second part of the second problem, plot A is the forward KL and plot B the reverse KL.",
      "",
      "As the third part showed, β matters.",
    ].join("\n");
    const parsed = parseTranscript(t, homework);
    expect(parsed.candidates.get("3c")?.[0]?.body).toMatch(/^On the third part.*curve \(b\)/);
    // a problem not yet answered in this turn opens, although it comes before the last one
    expect(parsed.candidates.get("2b")?.[0]?.body).toMatch(/plot A is the forward KL/);
    // a reference back to a part this turn answered opens nothing
    expect(parsed.candidates.get("2b")?.[0]?.body).toMatch(/As the third part showed/);
  });
  it("a forum post's block called final outweighs the original post after it, up to a rule", () => {
    const t = [
      "**EDIT (final — this is what I'm handing in):**",
      "",
      "- **Q3(c):** curve (b).",
      "",
      "---",
      "",
      "Original post:",
      "",
      "3(c): I'd say curve (d)?",
    ].join("\n");
    const parsed = parseTranscript(t, homework);
    const cands = parsed.candidates.get("3c") ?? [];
    expect(cands.map((c) => [c.summary, /curve \(b\)/.test(c.body)])).toEqual([
      [true, true],
      [false, false],
    ]);
  });
  it("a numbered list's number is a problem when the item is about it; 'Tarea 12' is no problem", () => {
    const t = [
      "Aprendizaje Profundo — Tarea 12",
      "",
      "1) El error está en la línea 9: lm_head comparte pesos con emb_word.",
      "",
      "2)a) P = U(0, 1), Q = U(0, 2).",
    ].join("\n");
    const parsed = parseTranscript(t, homework);
    expect(parsed.candidates.get("1")?.[0]?.body).toMatch(/línea 9/);
    expect(parsed.candidates.get("2a")?.[0]?.body).toMatch(/P = U\(0, 1\)/);
  });
  it("full-width ASCII as CJK input methods type it reads as ASCII", () => {
    expect(normalizeTranscript("３（ｃ）：曲線（ｂ）")).toBe("3(c):曲線(b)");
  });
  it("digits of other scripts read as ASCII digits, Arabic separators as ASCII ones", () => {
    expect(normalizeTranscript("प्रश्न २ (क): ०.२६")).toBe("प्रश्न 2 (a): 0.26");
    expect(normalizeTranscript("U(٠، ١) و ٠٫٦٩٣ ۱۲ ๓ 𝟗 𝟘")).toBe("U(0, 1) و 0.693 12 3 9 0");
  });
  it("numbers as speech-to-text spells them read as numbers; a digit word alone stays a word", () => {
    expect(
      normalizeTranscript(
        "ten to the minus three; minus one point five to one point five; minus point one five; minus three to seven; question three A",
      ),
    ).toBe("10^-3; -1.5 to 1.5; -0.15; -3 to seven; question three A");
  });
  it("part letters of other scripts read as the Latin letters they stand for", () => {
    expect(normalizeTranscript("Часть (б): A\nв) кривая (б)\nкак (б)ольше")).toBe(
      "Часть (b): A\nc) кривая (b)\nкак (б)ольше",
    );
  });
  it("LaTeX sources: a problem's enumerate items are its parts, nested items the sub-parts", () => {
    const t = [
      "\\section*{Problem 3}",
      "\\begin{enumerate}",
      "  \\item $Z = \\mu + \\sigma V$.",
      "  \\item Task loss to both, regularizer to $\\theta_e$ only.",
      "  \\item Curve (b).",
      "  \\item",
      "  \\begin{enumerate}",
      "    \\item (a) $10^{-3}$, (b) $10^{-6}$, (c) $1$.",
      "    \\item $\\beta = 10^{-3}$.",
      "  \\end{enumerate}",
      "\\end{enumerate}",
    ].join("\n");
    const parsed = parseTranscript(t, homework);
    // (d)'s own item opens both sub-parts; its nested items open each one
    const lines = (id: string) => parsed.candidates.get(id)?.map((c) => c.line);
    expect(["3a", "3b", "3c", "3d-i", "3d-ii"].map(lines)).toEqual([[3], [4], [5], [6, 8], [6, 9]]);
  });
  it("timestamps are boundaries, not parity: a missing one does not flip later turns", () => {
    const t = [
      "3(c): which curve? can you solve it?",
      "1/1/2026, 1:00 PM",
      "Thought process: curves",
      "",
      "**Answer: (b)**",
      "1/1/2026, 1:01 PM",
      "Nice. Next one please: 3(d)",
      "Thought process: panels",
      "Panel (a) has axes of about 1.5.",
      "",
      "**Answer:** i. (a) 1e-3",
    ].join("\n");
    const p = parseTranscript(t, homework);
    const turnRoles = p.roles.map((r) => r.role);
    expect(turnRoles[6]).toBe("person");
    expect(turnRoles[7]).toBe("reasoning");
    expect(turnRoles[10]).toBe("model");
  });
  it("an IRC log: nicks in angle brackets are speakers; a request's next message restates its options", () => {
    const t = [
      "--- Log opened Wed Nov 26 21:02:44 2025",
      "21:32 <@bartek> and 3(c)? the one with the error curves",
      "21:32 <@bartek> !gpt which curve: (a) rises; (b) dips then shoots up; (c) falls; (d) hump",
      "21:32 < gptbot> bartek: Answer: (c).",
      "21:33  * bartek yawns",
    ].join("\n");
    const parsed = parseTranscript(t, homework);
    expect(parsed.roles.map((r) => r.role)).toEqual([
      "person",
      "person",
      "person",
      "model",
      "person",
    ]);
    expect(parsed.candidates.get("3c")?.[0]?.body).toMatch(/Answer: \(c\)/);
    expect(parsed.candidates.get("3a")).toBeUndefined();
  });
  it("a sub-part named alone ('item ii') inside an answer to both sub-parts starts that sub-part", () => {
    const t = [
      "User: 3(d) again, look at the axes! (b) goes from -3 to 7",
      "",
      "Assistant: You are right:",
      "- panel (a), axes ≈ [−1,5; 1,5] → β = 10⁻³",
      "- panel (b), axes ≈ [−3; 7] → β = 10⁻⁶",
      "- panel (c) → β = 1",
      "",
      "For item ii I keep β = 10⁻⁶.",
    ].join("\n");
    const p = parseTranscript(t, homework);
    expect(p.candidates.get("3b")).toBeUndefined();
    expect(p.candidates.get("3d-i")?.at(-1)?.body).not.toMatch(/item ii/);
    expect(p.candidates.get("3d-ii")?.at(-1)?.body).toMatch(/^For item ii I keep/);
  });
  it("a name over a time line (Teams): the name is the sender, the day word never one; a quoted reply asks nothing", () => {
    const t = [
      "Priya Raman",
      "Tuesday 10:41 PM",
      "who has done Q1?",
      "",
      "Daniel Okafor",
      "Tuesday 10:44 PM",
      "The issue is that the word embeddings are not scaled, so multiply them by sqrt(d_model).",
      "In the original Transformer the embedding output is multiplied by sqrt(d_model) before the",
      "positional embedding is added, so that token and position information have comparable size.",
      "",
      "Priya Raman",
      "Tuesday 10:49 PM",
      "Daniel Okafor",
      "Tuesday 10:44 PM",
      "The issue is that the word embeddings are not scaled, so multiply…",
      "that makes it bigger though",
      "",
      "Daniel Okafor",
      "Tuesday 10:53 PM  Edited",
      "Corrected: line 9 should be nn.init.normal_(emb_word.weight, std=d_model ** -0.5).",
      "The head is tied to the word embedding, so each logit is a sum of d_model products and has",
      "a standard deviation of about sqrt(d_model) under N(0, 1); scaling the std down fixes it.",
    ].join("\n");
    const names = [...speakerLabels(readMarkdown(t)).values()].map((l) => l.name);
    expect(names).not.toContain("tuesday");
    expect(names.filter((n) => n === "daniel okafor")).toHaveLength(2);
    const p = parseTranscript(t, homework);
    expect(p.candidates.get("1")?.at(-1)?.body).toMatch(/Corrected: line 9/);
    expect(p.candidates.get("3d-i")).toBeUndefined();
  });
  it("a sentence of a language without spaces is no speaker label ('Gemini に聞いた結果と、自分のメモ。')", () => {
    const t = "Gemini 2.5 Pro に聞いた結果と、自分のメモ。\n\n2(a) P = U(0, 1), Q = U(0, 2)\n";
    expect(speakerLabels(readMarkdown(t)).size).toBe(0);
  });
  it("a tab-separated chat line (LINE): time, sender, message; the answerer is the one who works things out", () => {
    const t = [
      "[LINE] Chat history with Fern",
      "Saved at: 4/12/2025 00:12",
      "",
      '21:03\tFern\t"2a? give P and Q with KL(P||Q) finite and KL(Q||P) infinite',
      'what do I write?"',
      '21:09\tTon\t"P = Uniform(0,1)',
      "Q = Uniform(0,2)",
      'KL(P||Q) = log 2, KL(Q||P) = ∞"',
      "21:10\tFern\tthanks!",
    ].join("\n");
    const labels = speakerLabels(readMarkdown(t));
    expect([...labels.values()].map((l) => l.name)).toEqual(["fern", "ton", "fern"]);
    const p = parseTranscript(t, homework);
    expect(p.candidates.get("2a")?.at(-1)?.role).toBe("model");
    expect(p.candidates.get("2a")?.at(-1)?.body).toMatch(/P = Uniform\(0,1\)/);
  });
  it("a time then a name (WeChat) heads a message; '三(a)', '第三题' number the problem in CJK numerals", () => {
    const t = [
      "2025-12-03 22:01:17 陈思",
      "第三题你做完了吗？",
      "",
      "2025-12-03 22:03:40 王磊",
      "三(a)：Z＝μ(x)＋σ(x)·V，先乘法器再加法器。",
      "正则项（KL）只对 θe 有梯度。",
      "",
      "2025-12-03 22:08:31 陈思",
      "好的",
    ].join("\n");
    const norm = normalizeTranscript(t);
    expect(norm).toContain("第3题");
    const names = [...speakerLabels(readMarkdown(norm)).values()].map((l) => l.name);
    expect(names).toEqual(["陈思", "王磊", "陈思"]);
    expect(parseTranscript(norm, homework).candidates.get("3a")?.at(-1)?.body).toMatch(/先乘法器/);
  });
  it("an HTML tag on its own line is markup, never a speaker ('<details>', '<summary>…</summary>')", () => {
    const t =
      "**Final answer:** (b)\n\n<details>\n<summary>Copilot output</summary>\n\nCurve (d).\n</details>\n";
    expect(speakerLabels(readMarkdown(t)).size).toBe(0);
  });
  it("a draft folded away in <details> is set aside; the answer shown outside it counts", () => {
    const t = [
      "## Problem 3(c)",
      "",
      "**Final answer:** curve (d).",
      "",
      "<details>",
      "<summary>Copilot's old draft</summary>",
      "",
      "Curve (b): lowest at a moderate β.",
      "</details>",
    ].join("\n");
    const c = parseTranscript(t, homework).candidates.get("3c") ?? [];
    expect(c.map((x) => x.body).join("\n")).not.toMatch(/Curve \(b\)/);
    expect(roles(t)).toContain("commentary");
  });
  it("a marker's note in brackets inside the answer is someone else's commentary", () => {
    const t = [
      "Question 1",
      "",
      "Corrected line 9: emb_word.weight ~ N(0, d_model), so std = √d_model.",
      "",
      "[[TA: reversed. Correct: std = 1/√d_model.]]",
    ].join("\n");
    expect(roles(t)).toEqual(["model", "commentary"]);
    expect(parseTranscript(t, homework).candidates.get("1")?.[0]?.body).not.toMatch(/TA/);
  });
  it("the person's comment inside the model's turn is commentary, never the answer", () => {
    const t = [
      "User: 3(c) please",
      "",
      "Assistant:",
      "(c) The answer is (b): low at small β, best at moderate β, then it shoots up.",
      "",
      "The right answer is (d) in my opinion.",
    ].join("\n");
    expect(roles(t)).toContain("commentary");
    const p = parseTranscript(t, homework);
    const c = p.candidates.get("3c")!;
    expect(c.map((x) => x.body).join("\n")).not.toMatch(/in my opinion/);
  });
  it("marks of writing direction before each line of an RTL copy hide no label ('\u200fאתה אמרת')", () => {
    const t = [
      "\u200fאתה אמרת",
      "\u200fשאלה 3(c)?",
      "",
      "\u200fCopilot אמר",
      "\u200fהתשובה היא (b).",
    ].join("\n");
    expect(labelNames(parseTranscript(normalizeTranscript(t), homework))).toEqual([
      "אתה אמרת",
      "copilot",
    ]);
  });
  it("a fenced block whose first line opens thoughts ('Thought process: …') is the model's reasoning", () => {
    const t = [
      "## Prompt:",
      "Problem 1 please.",
      "",
      "## Response:",
      "",
      "````plaintext",
      "Thought process: Worked through the init.",
      "",
      "With std 1 the head weights are big.",
      "````",
      "",
      "Here is the answer: line 9 should use std = 0.02.",
    ].join("\n");
    const read = parseTranscript(t, homework);
    expect(roleOfLineWith(read, t, "With std 1")).toBe("reasoning");
    expect(roleOfLineWith(read, t, "Here is the answer")).toBe("model");
  });
  it("a word and a number heading code copied as text ('# line 9 (before)') is no speaker", () => {
    const t = [
      "Gemini",
      "",
      "Problem 1: find the init bug, line 9 or line 10?",
      "",
      "Python",
      "# line 9 (before)",
      "nn.init.normal_(self.emb_word.weight, mean=0.0, std=1.0)",
      "",
      "# line 9 (after)",
      "nn.init.normal_(self.emb_word.weight, mean=0.0, std=d_model ** -0.5)",
    ].join("\n");
    expect(labelNames(parseTranscript(t, homework))).not.toContain("line 9");
    // two parties numbered alike are speakers ("Speaker 1:" / "Speaker 2:")
    const twoSpeakers = [
      "Speaker 1: let's do 3(c)",
      "Speaker 2: (b), it is lowest at a moderate β",
      "Speaker 1: and 3(d) ii?",
      "Speaker 2: the run with β = 1e-3",
      "Speaker 1: thanks",
      "Speaker 2: good luck",
    ].join("\n\n");
    expect(new Set(labelNames(parseTranscript(twoSpeakers, homework)))).toEqual(
      new Set(["speaker 1", "speaker 2"]),
    );
    // and an identifier's digits are no number: "Participant 4e81" beside a bot
    const withBot = [
      "**Participant 4e81:**",
      "3(c)?",
      "",
      "**Bing:**",
      "(b), it is lowest at a moderate β.",
      "",
      "**Participant 4e81:**",
      "are you sure?",
      "",
      "**Bing:**",
      "Yes: (b).",
    ].join("\n");
    expect(labelNames(parseTranscript(withBot, homework))).toContain("participant 4e81");
    // nor is a CJK line number a speaker: "# 第9行（修改后）" over code copied as text
    const cjk = t
      .replaceAll("# line 9 (before)", "# 第9行（修改前）")
      .replaceAll("# line 9 (after)", "# 第9行（修改后）");
    expect(labelNames(parseTranscript(normalizeTranscript(cjk), homework))).toEqual([]);
  });
});

describe("a copy framed by rules that carry words", () => {
  it("after the rule that closes a copied conversation, the writer's notes are no longer the model's", () => {
    const t = [
      "My AI-use report.",
      "──────── start of copy ────────",
      "You said:",
      "3(a)?",
      "",
      "Copilot said:",
      "I drew the diagram for you:",
      "──────── end of copy ────────",
      "My notes: in (a) I remember V is multiplied by σ and then μ is added.",
    ].join("\n");
    const read = parseTranscript(t, homework);
    expect(roleOfLineWith(read, t, "My notes:")).toBe("commentary");
  });
  it("two framed copies in one message: the note after the second stays before the next speaker's turn", () => {
    const t = [
      "**Ilze:**",
      "Two answers Gemini gave me.",
      "---------- Gemini atbilde ----------",
      "(c) is (b).",
      "---------- beigas ----------",
      "My note on the first.",
      "---------- Gemini atbilde ----------",
      "(c) is (d).",
      "---------- beigas ----------",
      "My note on the second.",
      "",
      "**Claude:**",
      "The answer to 3(c) is (b).",
    ].join("\n");
    const { roles } = parseTranscript(t, homework);
    const at = (s: string) => roles[t.split("\n").indexOf(s)]!;
    expect(at("(c) is (d).")).toMatchObject({
      role: "model",
      cue: 'a copy framed by "Gemini atbilde"',
    });
    expect(at("My note on the second.").role).toBe("person");
    expect(at("My note on the second.").turn).toBeGreaterThan(at("(c) is (d).").turn);
    expect(at("The answer to 3(c) is (b).").turn).toBeGreaterThan(
      at("My note on the second.").turn,
    );
  });
  it("a heading that names the model inside a longer phrase is no label ('Īsumā par Gemini atbildi:')", () => {
    const t = "**Ilze wrote:**\n\nĪsumā par Gemini atbildi:\n\n(c) – jā, (b).\n";
    expect(labelNames(parseTranscript(t, homework))).not.toContain("īsumā par gemini atbildi");
  });
});

describe("decoding and damage", () => {
  it("decodes UTF-16 (with or without a BOM) and strips a UTF-8 BOM, CR and form feeds", () => {
    const text = "User: hi\r\nAssistant: (b)\f";
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    expect(normalizeTranscript(decodeTranscript(le))).toBe("User: hi\nAssistant: (b)\n");
    expect(normalizeTranscript(decodeTranscript(Buffer.from(text, "utf16le")))).toBe(
      "User: hi\nAssistant: (b)\n",
    );
    expect(normalizeTranscript(decodeTranscript(Buffer.from(`\ufeff${text}`, "utf8")))).toBe(
      "User: hi\nAssistant: (b)\n",
    );
    expect(normalizeTranscript("de\ufb01ne")).toBe("define");
  });
});

describe("linear time on hostile input", () => {
  const MB = 1 << 20;
  const patterns: Record<string, (n: number) => string> = {
    "a long whitespace run": (n) => `a${" ".repeat(n)}b`,
    "deep quote nesting": (n) => ">".repeat(n),
    "deep list nesting": (n) =>
      Array.from({ length: Math.ceil(n / 2000) }, (_, i) => `${" ".repeat((i % 500) * 2)}- x`).join(
        "\n",
      ),
    "emphasis runs": (n) => "*a".repeat(n / 2),
    brackets: (n) => "[".repeat(n),
    "thousands of labels": (n) => "**User:** hi\n**Assistant:** (b)\n".repeat(Math.ceil(n / 32)),
    "thousands of a marker's notes inside one reply": (n) =>
      `Student: 3(c)?\nGemini: (b)\n\n${"▶ TA: ok, this one is right.\n\n".repeat(Math.ceil(n / 30))}Student: thanks\n`,
    "a huge table": (n) => `| a | b |\n|---|---|\n${"| x | y |\n".repeat(Math.ceil(n / 10))}`,
    "answer headings after a label and blank lines": (n) =>
      `### 3(a)\n${"\n".repeat(n / 4)}${"**Final answer:**\n".repeat(Math.ceil(n / 40))}`,
    "a sentence of clause-final negations": (n) =>
      `User: 3(c)?\nAssistant: (d) は${"合いません".repeat(Math.ceil(n / 15))}\n`,
    "notes under a heading the introduction quotes": (n) =>
      `# Notes\nmine are boxed « ✎ Note »\n**User:** 3(c)?\n**Assistant:** (b)\n${`> **✎ Note.** ${"x ".repeat(100)}\n\n`.repeat(Math.ceil(n / 220))}`,
  };
  it.each(Object.entries(patterns))(
    "%s: 2 MB graded within a bound, and the parse ~linearly",
    async (_, make) => {
      // the fastest of four runs each, the two sizes taking turns: a loaded machine slows single
      // runs, never speeds them up, and a change of load between the sizes falls on both
      const time = (s: string) => {
        const t0 = performance.now();
        readMarkdown(s);
        return performance.now() - t0;
      };
      const [small, large] = [make(MB / 4), make(MB / 2)];
      let half = Number.POSITIVE_INFINITY;
      let full = Number.POSITIVE_INFINITY;
      for (let k = 0; k < 4; k++) {
        half = Math.min(half, time(small));
        full = Math.min(full, time(large));
      }
      // doubling the input must not quadruple the time (allowing for noise on small times)
      expect(full).toBeLessThan(3 * half + 300);
      const t0 = performance.now();
      const r = await grade(make(2 * MB), exampleKey, closedFormTools());
      expect(r.parts).toHaveLength(8);
      expect(performance.now() - t0).toBeLessThan(30_000);
    },
    180_000,
  );
});

describe("the person's own judgments", () => {
  it("reads a comment's verdict and the part it follows; problem phrases and stated answers are not verdicts", () => {
    const t = [
      "User: problem 3 (c) and (d) please",
      "Assistant:",
      "(c) The answer is (b): the validation error is lowest at a moderate β.",
      "",
      "I think the model got this wrong, it should be (d).",
      "",
      "(d) i. (a) → 1e-3, (b) → 1e-6, (c) → 1",
      "",
      "The model answers this correctly, in my view.",
    ].join("\n");
    const parsed = parseTranscript(t, homework);
    expect(parsed.judgments.map((j) => [j.partId, j.verdict, j.line])).toEqual([
      ["3c", "incorrect", 5],
      ["3d-i", "correct", 9],
    ]);
    expect(readJudgment("The right answer is (d) in my opinion.", "")).toBeUndefined();
    expect(readJudgment("This is not correct.", "")).toBe("incorrect");
    expect(readJudgment("The validation error rises.", "validation error as β increases")).toBe(
      undefined,
    );
  });
});

describe("real transcripts (read from ../shared when present)", () => {
  const published = "../shared/transcripts/published-sonnet45-annotated.md";
  it.skipIf(!existsSync(published))(
    "the published transcript: the person's verdict on 2(a) is read, and where it disagrees is reported",
    async () => {
      const p = parseTranscript(readFileSync(published, "utf8"), homework);
      expect(p.judgments.find((j) => j.partId === "2a")).toMatchObject({
        verdict: "correct",
        line: 253,
      });
      // two Gaussians: both directions finite, so the grader finds 2(a) incorrect and says the
      // person judged it otherwise
      const r = await grade(readFileSync(published, "utf8"), exampleKey, closedFormTools());
      const a = r.parts.find((x) => x.id === "2a")!;
      expect(a.verdict).toBe("incorrect");
      expect(a.person).toMatchObject({ verdict: "correct", line: 253 });
      expect(a.evidence).toMatch(/^the person judged this correct \(line 253/);
    },
  );
  it.skipIf(!existsSync(published))(
    "the published transcript: the parts of Problems 2 and 3 are found",
    () => {
      const p = parseTranscript(readFileSync(published, "utf8"), homework);
      for (const id of ["2a", "2b", "3a", "3b", "3c", "3d-i", "3d-ii"])
        expect(p.candidates.get(id)?.length ?? 0).toBeGreaterThan(0);
    },
  );
});
