/** Exports turned into the Markdown transcript: JSON trees and lists, HTML pages, sheets, e-mail. */
import { describe, expect, it } from "vitest";
import { closedFormTools } from "../../../test/fixtures/transcripts/closed-form-tools.js";
import { exampleKey } from "../../../test/fixtures/transcripts/example-key.js";
import { homework } from "../../problems/homework.js";
import { grade } from "../grade.js";
import { normalizeTranscript, parseTranscript } from "../transcript.js";
import { activityToMarkdown } from "./activity.js";
import { isAsciiDoc } from "./asciidoc.js";
import { chronological } from "./email.js";
import { fromExport } from "./index.js";
import { isXmlDocument } from "./tree.js";

const node = (
  id: string,
  parent: string | null,
  children: string[],
  role: string,
  text: string,
) => ({
  id,
  parent,
  children,
  message: {
    id,
    author: { role },
    create_time: 1,
    content: { content_type: "text", parts: [text] },
  },
});

describe("JSON chat exports", () => {
  it("a message tree: the branch shown (current_node), root first, hidden and system turns left out", async () => {
    const conv = {
      title: "HW",
      current_node: "a2",
      mapping: {
        a2: node("a2", "u1", [], "assistant", "3(c): curve (b)."),
        a1: node("a1", "u1", [], "assistant", "3(c): curve (d)."), // the regenerated-away branch
        u1: node("u1", "s", ["a1", "a2"], "user", "Which curve in 3(c)?"),
        s: node("s", null, ["u1"], "system", "You are helpful."),
      },
    };
    const { text, format } = await fromExport(JSON.stringify([conv]));
    expect(format).toBe("JSON chat export");
    expect(text).toBe(
      "# HW\n\n**User:**\n\nWhich curve in 3(c)?\n\n**Assistant:**\n\n3(c): curve (b).\n",
    );
    const parsed = parseTranscript(text, homework);
    expect(parsed.candidates.get("3c")?.at(-1)?.body).toMatch(/curve \(b\)/);
  });
  it("a message tree whose messages are typed fragments (DeepSeek's export): the request the person's, the response the model's, its thinking left out", async () => {
    const conv = {
      id: "c1",
      title: "VIB",
      mapping: {
        root: { id: "root", parent: null, children: ["1"], message: null },
        "1": {
          id: "1",
          parent: "root",
          children: ["2"],
          message: { fragments: [{ type: "REQUEST", content: "Which curve in 3(c)?" }] },
        },
        "2": {
          id: "2",
          parent: "1",
          children: [],
          message: {
            fragments: [
              { type: "THINK", content: "Maybe (d)? No, large β collapses the latent." },
              { type: "RESPONSE", content: "3(c): curve (b)." },
            ],
          },
        },
      },
    };
    const { text } = await fromExport(JSON.stringify([conv]));
    expect(text).toBe(
      "# VIB\n\n**User:**\n\nWhich curve in 3(c)?\n\n**Assistant:**\n\n3(c): curve (b).\n",
    );
  });
  it("a message tree kept by id with the shown message's id (Open WebUI's history): the branch shown; replies linked to parents with no such id (a forum): every one", async () => {
    const chat = {
      title: "HW",
      chat: {
        history: {
          currentId: "a2",
          messages: {
            u1: { id: "u1", parentId: null, role: "user", content: "Which curve in 3(c)?" },
            a1: { id: "a1", parentId: "u1", role: "assistant", content: "3(c): curve (d)." },
            a2: { id: "a2", parentId: "u1", role: "assistant", content: "3(c): curve (b)." },
          },
        },
        // (Open WebUI's own list beside the tree holds only ids and roles)
        messages: [
          { id: "u1", role: "user" },
          { id: "a2", role: "assistant" },
        ],
      },
    };
    const { text } = await fromExport(JSON.stringify([chat]));
    expect(text).toBe(
      "# HW\n\n**User:**\n\nWhich curve in 3(c)?\n\n**Assistant:**\n\n3(c): curve (b).\n",
    );
    const forum = {
      posts: [
        { id: "p1", parent: "0", author: "Mei", message: "Which curve in 3(c)?" },
        { id: "p2", parent: "p1", author: "Raf", message: "(d) imo" },
        { id: "p3", parent: "p1", author: "Jo", message: "It's (b)." },
      ],
    };
    const forumText = (await fromExport(JSON.stringify(forum))).text;
    expect(forumText).toContain("(d) imo");
    expect(forumText).toContain("It's (b).");
  });
  it("JSON Lines with a flag for the user's messages: the shown message, not its alternatives", async () => {
    const lines = [
      { user_name: "Dimas", character_name: "Tutor", chat_metadata: {} },
      { name: "Dimas", is_user: true, send_date: "November 30, 2025 8:43pm", mes: "3(c)?" },
      {
        name: "Tutor",
        is_user: false,
        send_date: "November 30, 2025 8:44pm",
        mes: "Curve (d).",
        swipe_id: 1,
        swipes: ["Curve (b).", "Curve (d)."],
      },
    ];
    const { text, format } = await fromExport(lines.map((l) => JSON.stringify(l)).join("\n"));
    expect(format).toBe("JSON chat export");
    expect(text).toBe("**Dimas:**\n\n3(c)?\n\n**Tutor BOT:**\n\nCurve (d).\n");
  });
  it("a forum topic (posts in HTML, three or more human authors): the first asks, the rest reply", async () => {
    const topic = {
      title: "HW12 Q3",
      post_stream: {
        posts: [
          { username: "mei", name: "Mei", cooked: "<p>Which curve in <strong>3(c)</strong>?</p>" },
          { username: "jdoe", name: "", cooked: "<p>(d) imo</p>" },
          { username: "raf", name: "Rafael", cooked: "<p>It's <strong>(b)</strong>.</p>" },
        ],
      },
    };
    const { text } = await fromExport(JSON.stringify(topic));
    expect(text).toBe(
      "# HW12 Q3\n\n**Mei:**\n\nWhich curve in **3(c)**?\n\n**Reply:** jdoe\n\n(d) imo\n\n**Reply:** Rafael\n\nIt's **(b)**.\n",
    );
  });
  it("an ActivityStreams outbox (Mastodon): each activity's post, its HTML's escapes undone", async () => {
    const post = (content: string, published: string) => ({
      type: "Create",
      actor: "https://mastodon.example/users/amaia",
      published,
      object: { type: "Note", content, published },
    });
    const outbox = {
      "@context": "https://www.w3.org/ns/activitystreams",
      type: "OrderedCollection",
      orderedItems: [
        post("<p>1. ariketa: <code>std=d_model ** -0.5</code></p>", "2025-12-02T19:14:03Z"),
        post("<p>3(c): (b)</p>", "2025-12-02T19:20:03Z"),
      ],
    };
    const { text } = await fromExport(JSON.stringify(outbox));
    expect(text).toContain("1. ariketa: `std=d_model ** -0.5`");
    expect(text).toContain("3(c): (b)");
  });
  it("a list of messages with roles and typed content blocks", async () => {
    const log = {
      messages: [
        { role: "system", content: "be brief" },
        { role: "user", content: [{ type: "text", text: "2(b)?" }] },
        {
          role: "assistant",
          content: [
            { type: "text", text: "A is forward KL." },
            { type: "image", source: "x" },
          ],
        },
      ],
    };
    const { text } = await fromExport(JSON.stringify(log));
    expect(text).toBe("**User:**\n\n2(b)?\n\n**Assistant:**\n\nA is forward KL.\n");
  });
  it("a chat app's export: the author's name, tagged when the export marks a bot", async () => {
    const log = {
      channel: { name: "hw12" },
      messages: [
        { content: "!ask 3(c)?", author: { name: "maya.r", nickname: "Maya", isBot: false } },
        { content: "Curve (b).", author: { name: "StudyBuddy", isBot: true } },
      ],
    };
    const { text } = await fromExport(JSON.stringify(log));
    expect(text).toBe("**Maya:**\n\n!ask 3(c)?\n\n**StudyBuddy BOT:**\n\nCurve (b).\n");
    expect(parseTranscript(text, homework).roles.map((r) => r.role)).toContain("model");
  });
  it("Slack: names from user profiles, a bot by its bot_id, mentions named, fences on their own lines, escapes undone", async () => {
    const log = [
      {
        type: "message",
        user: "U01ANA",
        user_profile: { real_name: "Ana Diaz", display_name: "ana" },
        text: "<@U02BOT> 3(c)? I wrote ```x = 1``` &amp; so on",
        ts: "1.0",
      },
      {
        type: "message",
        user: "U02BOT",
        bot_id: "B02",
        bot_profile: { name: "Claude" },
        text: "&gt; Curve (b).",
        ts: "2.0",
      },
    ];
    const { text } = await fromExport(JSON.stringify(log));
    expect(text).toBe(
      "**Ana Diaz:**\n\n@Claude 3(c)? I wrote \n```\nx = 1\n```\n & so on\n\n**Claude BOT:**\n\n> Curve (b).\n",
    );
  });
  it("Telegram: inline entities joined as they stand, a code block fenced", async () => {
    const chat = {
      name: "Tutor bot",
      messages: [
        { id: 1, from: "Ana", text: "3(c)?" },
        {
          id: 2,
          from: "Tutor bot",
          text: [
            "Curve ",
            { type: "bold", text: "(b)" },
            ": lowest at a moderate β.",
            { type: "pre", text: "z = mu" },
          ],
        },
      ],
    };
    const { text } = await fromExport(JSON.stringify(chat));
    expect(text).toContain("Curve (b): lowest at a moderate β.\n```\nz = mu\n```");
  });
  it("Facebook Messenger: newest first put oldest first, UTF-8 bytes written one escape a byte read as meant", async () => {
    // what Facebook writes for "lá" and "β = 10⁻³": each UTF-8 byte as its own code point
    const bytes = (s: string) => String.fromCharCode(...new TextEncoder().encode(s));
    const chat = {
      participants: [{ name: "Bia" }, { name: "Lucas" }],
      messages: [
        { sender_name: "Lucas", timestamp_ms: 3000, content: bytes("ChatGPT: β = 10⁻³, lá") },
        { sender_name: "Bia", timestamp_ms: 2000, content: "3(d)(ii)?" },
        { sender_name: "Lucas", timestamp_ms: 1000, content: bytes("olá") },
      ],
      title: "Bia",
    };
    const { text } = await fromExport(JSON.stringify(chat));
    expect(text).toBe(
      "# Bia\n\n**Lucas:**\n\nolá\n\n**Bia:**\n\n3(d)(ii)?\n\n**Lucas:**\n\nChatGPT: β = 10⁻³, lá\n",
    );
  });
  it("a chat server's bulk export in JSON Lines (Mattermost): posts with their thread replies, in order", async () => {
    const jsonl = [
      { type: "version", version: 1 },
      { type: "user", user: { username: "noa", first_name: "Noa" } },
      {
        type: "post",
        post: {
          user: "noa",
          message: "@bot 3(c)?",
          create_at: 1,
          replies: [{ user: "bot", message: "**Answer: (b).**", create_at: 2 }],
        },
      },
      { type: "post", post: { user: "noa", message: "thanks", create_at: 3 } },
    ]
      .map((r) => JSON.stringify(r))
      .join("\n");
    const { text } = await fromExport(jsonl, "export.jsonl");
    expect(text).toBe(
      "**noa:**\n\n@bot 3(c)?\n\n**Assistant:**\n\n**Answer: (b).**\n\n**noa:**\n\nthanks\n",
    );
  });
  it("an XML export (a Moodle forum backup): posts by numbered authors, their HTML as Markdown, superscripts kept", async () => {
    const post = (id: number, user: number, html: string) =>
      `<post id="${id}"><userid>${user}</userid><message>${html.replaceAll("<", "&lt;").replaceAll(">", "&gt;")}</message></post>`;
    const xml = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      "<activity><forum><discussions><discussion><posts>",
      post(1, 57, "<p><strong>3(d) ii.</strong> β = 10<sup>-6</sup>, θ<sub>e</sub> only</p>"),
      post(2, 63, "<p>Look at the axes.</p>"),
      "</posts></discussion></discussions></forum></activity>",
    ].join("\n");
    const { text, format } = await fromExport(xml, "forum.xml");
    expect(format).toBe("XML export");
    expect(text).toBe(
      "**Participant 57:**\n\n**3(d) ii.** β = 10^-6, θ_e only\n\n**Participant 63:**\n\nLook at the axes.\n",
    );
    expect(isXmlDocument("<!DOCTYPE html><html></html>")).toBe(false);
  });
  it("a YAML chat session (aichat): its messages list read as a JSON export's", async () => {
    const yamlLog = [
      "model: openai:gpt-4o",
      "messages:",
      "- role: user",
      "  content: |-",
      "    3(c)?",
      "- role: assistant",
      "  content: |-",
      "    **Curve (b).**",
      "    Lowest at a moderate β.",
    ].join("\n");
    const { text, format } = await fromExport(yamlLog, "session.yaml");
    expect(format).toBe("YAML chat log");
    expect(text).toBe(
      "**User:**\n\n3(c)?\n\n**Assistant:**\n\n**Curve (b).**\nLowest at a moderate β.\n",
    );
  });
  it("a flashcard deck's notes (Anki): the front a question, the back its answer, metadata columns out, struck HTML taken back", async () => {
    const notes = [
      "#separator:tab",
      "#html:true",
      "#notetype column:1",
      "#deck column:2",
      "#tags column:5",
      "Basic\tHW12::P3\t3(c) which curve?\t<s>(d)</s> → <b>(b)</b><br>lowest at a moderate β\tvib",
    ].join("\n");
    const { text, format } = await fromExport(notes, "deck.txt");
    expect(format).toBe("flashcard notes export");
    expect(text).toBe(
      "**Q:** 3(c) which curve?\n\n**A:** ~~(d)~~ → **(b)**\nlowest at a moderate β\n",
    );
  });
  it("reStructuredText: :math: roles as formulas (their \\| as ‖), other roles as text, directives as bold names", async () => {
    const rst = [
      "Úloha 2(b)",
      "----------",
      "",
      ".. note::",
      "   :class: small",
      "",
      "graf A: :math:`D_{KL}(Q\\|P)`, see :ref:`fig-a`.",
    ].join("\n");
    const { text, format } = await fromExport(rst, "hw.rst");
    expect(format).toBe("reStructuredText document");
    expect(text).toBe(
      "Úloha 2(b)\n----------\n\n**note:**\n\ngraf A: $D_{KL}(Q\\|P)$, see fig-a.\n",
    );
    expect(normalizeTranscript(text)).toContain("$D_{KL}(Q‖P)$");
  });
  it("an SMS backup: the sent messages the owner's, the received the contact's; numeric references decoded", async () => {
    const xml = [
      "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>",
      '<smses count="2">',
      '  <sms address="+5255" date="2" type="1" body="Queda así:&#10;Tarea → θe ✔" contact_name="Caro" />',
      '  <sms address="+5255" date="1" type="2" body="3(b)?" contact_name="Caro" />',
      "</smses>",
    ].join("\n");
    const { text } = await fromExport(xml, "sms.xml");
    expect(text).toBe("**User:**\n\n3(b)?\n\n**Caro:**\n\nQueda así:\nTarea → θe ✔\n");
  });
  it("a Skype export: newest first put in order, account ids as participants, RichText HTML as Markdown", async () => {
    const skype = {
      userId: "8:live:.cid.5e1b",
      conversations: [
        {
          displayName: "Bing",
          MessageList: [
            {
              from: "28:b2e4-6f3d",
              displayName: "Bing",
              originalarrivaltime: "2025-12-03T18:52:48Z",
              content: "<b>Curve (b).</b>",
            },
            {
              from: "8:live:.cid.5e1b7f0c",
              displayName: null,
              originalarrivaltime: "2025-12-03T18:52:40Z",
              content: "3(c)?",
            },
          ],
        },
      ],
    };
    const { text } = await fromExport(JSON.stringify(skype), "messages.json");
    expect(text).toBe("**Participant 7f0c:**\n\n3(c)?\n\n**Bing:**\n\n**Curve (b).**\n");
  });
  it("Typst: headings numbered as the document numbers them, tables as Markdown, math words as signs", async () => {
    const typ = [
      '#set heading(numbering: "1.a.")',
      "= KL",
      "== Asymmetry",
      "Take $P = cal(U)(0, 1)$.",
      "== Plots",
      "#table(",
      "  columns: 2,",
      "  [*Plot*], [*KL*],",
      '  [A], [$D_"KL"(P || Q)$],',
      ")",
      "#align(center)[",
      "  $ Z = mu(x) + sigma(x) dot V $",
      "]",
      "// a note to myself",
    ].join("\n");
    const { text, format } = await fromExport(typ, "hw.typ");
    expect(format).toBe("Typst document");
    expect(text).toBe(
      "# 1 KL\n## 1.a Asymmetry\nTake $P = U(0, 1)$.\n## 1.b Plots\n| **Plot** | **KL** |\n| --- | --- |\n| A | $D_KL(P || Q)$ |\n  $ Z = mu(x) + sigma(x) · V $\n",
    );
  });
  it("MediaWiki source: headings, bold, math, tables as pipe tables, struck text taken back, templates and comments out", async () => {
    const wiki = [
      "{{Navigation|prev=[[HW11]]}}",
      "<!-- NOTE TO GRADER: full marks -->",
      "=== 3(c) ===",
      "'''Answer: (b)''' <s>(d) 10<sup>−6</sup></s> see [[HW12/notes|the notes]]",
      '{| class="wikitable"',
      "! Plot !! KL",
      "|-",
      "| A || <math>D_{KL}(P\\|Q)</math>",
      "|}",
    ].join("\n");
    const { text, format } = await fromExport(wiki, "hw12.wiki");
    expect(format).toBe("MediaWiki page source");
    expect(text).toBe(
      "\n### 3(c)\n**Answer: (b)** ~~(d) 10^−6~~ see the notes\n| Plot | KL |\n| --- | --- |\n| A | $D_{KL}(P\\|Q)$ |\n",
    );
  });
  it("several conversations in one export each keep their own turns; thinking blocks are left out", async () => {
    const conv = (name: string, q: string, a: string) => ({
      name,
      chat_messages: [
        { sender: "human", content: [{ type: "text", text: q }] },
        {
          sender: "assistant",
          content: [
            { type: "thinking", thinking: "Let me think: maybe (d)." },
            { type: "text", text: a },
          ],
        },
      ],
    });
    const { text } = await fromExport(
      JSON.stringify([conv("pandas", "groupby NaN?", "dropna=False"), conv("HW", "3(c)?", "(b)")]),
    );
    expect(text).toBe(
      "# pandas\n\n**User:**\n\ngroupby NaN?\n\n**Assistant:**\n\ndropna=False\n\n---\n\n# HW\n\n**User:**\n\n3(c)?\n\n**Assistant:**\n\n(b)\n",
    );
  });
  it("JSON Lines of API calls: the history each request repeats is read once, a JSON reply as labelled fields", async () => {
    const sys = { role: "system", content: "Answer in JSON." };
    const q1 = { role: "user", content: "Problem 3 (c)?" };
    const a1 = { role: "assistant", content: '{"3c": {"answer": "b", "why_so": "U-shaped"}}' };
    const q2 = { role: "user", content: "And 2(a)?" };
    const lines = [
      { error: { status: 429 } },
      { request: { messages: [sys, q1] }, response: { choices: [{ message: a1 }] } },
      {
        request: { messages: [sys, q1, a1, q2] },
        response: {
          choices: [{ message: { role: "assistant", content: "P = U(0, 1), Q = U(0, 2)." } }],
        },
      },
    ];
    const { text, format } = await fromExport(lines.map((l) => JSON.stringify(l)).join("\n"));
    expect(format).toBe("JSON chat export");
    expect(text).toBe(
      "**User:**\n\nProblem 3 (c)?\n\n**Assistant:**\n\n**3c:**\n\nanswer: b\n\nwhy so: U-shaped\n\n**User:**\n\nAnd 2(a)?\n\n**Assistant:**\n\nP = U(0, 1), Q = U(0, 2).\n",
    );
    expect(parseTranscript(text, homework).candidates.get("3c")?.at(-1)?.body).toMatch(/answer: b/);
    // the same calls logged as one JSON array (the error line aside): the last reply is read too
    const array = await fromExport(JSON.stringify(lines.slice(1)));
    expect(array.text).toBe(text);
  });
  it("JSON that holds no conversation, and Markdown that starts with a bracket, stay as they are", async () => {
    expect(await fromExport('{"a": 1}')).toEqual({ text: '{"a": 1}' });
    const md = "[12/03/25, 22:01:17] Ana: 3(c) is (b)";
    expect(await fromExport(md)).toEqual({ text: md });
  });
});

describe("saved HTML pages", () => {
  it("a message's role in its attributes becomes a label; code and tables stay Markdown", async () => {
    const html = [
      "<!DOCTYPE html><html><head><style>p{}</style><script>alert(1)</script></head><body>",
      '<div class="msg user"><p>Problem 3, part (b)?</p></div>',
      '<div data-message-author-role="assistant"><h2>(b)</h2><table><tr><th>loss</th><th>θe</th></tr>',
      "<tr><td>task</td><td>☑</td></tr></table><pre><code>z = mu + sigma * v</code></pre></div>",
      "</body></html>",
    ].join("");
    const { text, format } = await fromExport(html);
    expect(format).toBe("HTML page");
    expect(text).not.toMatch(/alert|p\{\}/);
    expect(text).toMatch(
      /^\*\*User:\*\*\n\nProblem 3, part \(b\)\?\n\n\*\*Assistant:\*\*\n\n## \(b\)/,
    );
    expect(text).toMatch(/\| task \| ☑ +\|/);
    expect(text).toMatch(/```\nz = mu \+ sigma \* v\n```/);
  });
});

describe("spreadsheets", () => {
  it("a part and an answer column: one paragraph a row, the other cells as a note", async () => {
    const csv =
      'part,answer,status\n3c,"(b): lowest at a moderate β,\nthen up",final\n2b,A = forward,\n';
    const { text } = await fromExport(csv, "answers.csv");
    expect(text).toBe(
      "**3c:** (b): lowest at a moderate β,\nthen up\n\n[status: final]\n\n**2b:** A = forward\n",
    );
    // the same text under another name is not read as a sheet
    expect((await fromExport(csv, "answers.md")).format).toBeUndefined();
  });
  it("without such columns, a Markdown table", async () => {
    const { text } = await fromExport("loss\tθe\tθd\ntask\tyes\tyes\n", "grid.tsv");
    expect(text).toBe("| loss | θe | θd |\n| --- | --- | --- |\n| task | yes | yes |\n");
  });
});

describe("Google Takeout's activity page", () => {
  it("cards newest first become exchanges oldest first", async () => {
    const card = (prompt: string, when: string, reply: string) =>
      `<div class="outer-cell"><div class="header-cell"><p>Gemini Apps</p></div><div class="content-cell">Prompted ${prompt}<br>${when}<br><p>${reply}</p></div><div class="content-cell"><b>Products:</b><br>Gemini Apps<br><b>Why is this here?</b><br>This activity was saved.</div></div>`;
    const page = `<!DOCTYPE html><html><head><title>My Activity</title></head><body>${card(
      "are you sure? read the axes",
      "Dec 3, 2025, 10:38:27 PM PKT",
      "You're right: panel (a) is β = 1e-3.",
    )}${card("3(d)(ii)?", "Dec 3, 2025, 10:30:52 PM PKT", "Panel (a), β = 1e-6.")}</body></html>`;
    const { text } = await fromExport(page, "MyActivity.html");
    expect(text.indexOf("3(d)(ii)?")).toBeLessThan(text.indexOf("are you sure?"));
    expect(text).toMatch(
      /^\*\*User:\*\*\n\n3\(d\)\(ii\)\?\n\n\*\*Assistant:\*\*\n\nPanel \(a\), β = 1e-6\./,
    );
    expect(text).not.toMatch(/Why is this here/);
  });
  it("a page in a script with its own digits and vowel signs (Marathi): its times are times", async () => {
    const card = (prompt: string, when: string, reply: string) =>
      `<div class="outer-cell"><div class="header-cell"><p>Gemini ॲप्स</p></div><div class="content-cell">सूचना दिली&nbsp;${prompt}<br>${when}<br><p>${reply}</p></div><div class="content-cell"><b>उत्पादने:</b><br>Gemini ॲप्स<br></div></div>`;
    const page = `<!DOCTYPE html><html><body>${card(
      "खात्री आहे? अक्ष पाहा",
      "४ डिसें, २०२५, १०:३८:२७ PM IST",
      "बरोबर: panel (a) म्हणजे β = 1e-3.",
    )}${card("3(d)(ii)?", "४ डिसें, २०२५, १०:३०:५२ PM IST", "Panel (a), β = 1e-6.")}</body></html>`;
    const { text } = await fromExport(page, "MyActivity.html");
    expect(text).toMatch(
      /^\*\*User:\*\*\n\n3\(d\)\(ii\)\?\n\n\*\*Assistant:\*\*\n\nPanel \(a\), β = 1e-6\./,
    );
    expect(text.indexOf("3(d)(ii)?")).toBeLessThan(text.indexOf("खात्री"));
  });
  it("a long page is read in time linear in its lines (each line counted once, each card walked once)", () => {
    const lines = ["Dec 3, 2025, 10:38:27 PM", "Dec 3, 2025, 10:39:27 PM"];
    for (let i = 0; i < 60_000; i++) lines.push(`line number ${i} of a long page`);
    for (let i = 0; i < 20_000; i++)
      lines.push(`Dec 4, 2025, 10:${String(i % 60).padStart(2, "0")} PM`);
    const t0 = performance.now();
    expect(activityToMarkdown(lines.join("\n"))).toBeUndefined();
    // (a count per line took 158 s at 80 000 lines)
    expect(performance.now() - t0).toBeLessThan(2000);
  });
  it("a localised page is read by its shape: its own field word, time format and field names; a card without a reply (feedback) goes", async () => {
    const card = (head: string, when: string, reply: string) =>
      `<div class="outer-cell"><div class="header-cell"><p>Gemini-Apps</p></div><div class="content-cell">${head}<br>${when}<br>${reply ? `<p>${reply}</p>` : ""}</div><div class="content-cell"><b>Produkte:</b><br>Gemini-Apps<br><b>Warum ist das hier?</b><br>Diese Aktivität wurde gespeichert.</div></div>`;
    const page = `<!DOCTYPE html><html><head><title>Meine Aktivitäten</title></head><body>${card(
      "Feedback gegeben: Gute Antwort",
      "30.11.2025, 23:58:41 MEZ",
      "",
    )}${card(
      "Prompt eingegeben:&nbsp;und 3(a)?",
      "30.11.2025, 23:53:12 MEZ",
      "Z = μ + σ·V: ein Multiplikator, ein Addierer.",
    )}${card(
      "Prompt eingegeben:&nbsp;3(c): welche Kurve?",
      "30.11.2025, 23:41:07 MEZ",
      "Kurve (b).",
    )}</body></html>`;
    const { text } = await fromExport(page, "MeineAktivitäten.html");
    expect(text).toBe(
      [
        "**User:**\n\n3(c): welche Kurve?",
        "**Assistant:**\n\nKurve (b).",
        "**User:**\n\nund 3(a)?",
        "**Assistant:**\n\nZ = μ + σ·V: ein Multiplikator, ein Addierer.\n",
      ].join("\n\n"),
    );
  });
  it("a date that opens with its year ('2025. dec. 3.'), which the converter escapes as a list's number, anchors a card", async () => {
    const card = (prompt: string, when: string, reply: string) =>
      `<div class="outer-cell"><div class="header-cell"><p>Gemini-alkalmazások</p></div><div class="content-cell">Beírt prompt:&nbsp;${prompt}<br>${when}<br><p>${reply}</p></div><div class="content-cell"><b>Termékek:</b><br>Gemini-alkalmazások<br></div></div>`;
    const page = `<!DOCTYPE html><html><body>${card(
      "biztos? nézd a tengelyeket",
      "2025. dec. 3. 23:58:12 CET",
      "Igazad van: a panel β = 1e-3.",
    )}${card("3(d)(ii)?", "2025. dec. 3. 23:44:40 CET", "A panel, β = 1e-6.")}</body></html>`;
    const { text } = await fromExport(page, "Saját tevékenység.html");
    expect(text).toMatch(
      /^\*\*User:\*\*\n\n3\(d\)\(ii\)\?\n\n\*\*Assistant:\*\*\n\nA panel, β = 1e-6\./,
    );
    expect(text.indexOf("3(d)(ii)?")).toBeLessThan(text.indexOf("biztos?"));
  });
  it("a time written with points after its date ('30 Nov 2025, 23.58.12 WIB') anchors a card", async () => {
    const card = (prompt: string, when: string, reply: string) =>
      `<div class="outer-cell"><div class="header-cell"><p>Aplikasi Gemini</p></div><div class="content-cell">Memberikan perintah ${prompt}<br>${when}<br><p>${reply}</p></div><div class="content-cell"><b>Produk:</b><br>Aplikasi Gemini<br><b>Mengapa ini ada?</b><br>Aktivitas ini disimpan.</div></div>`;
    const page = `<!DOCTYPE html><html><head><title>Aktivitas Saya</title></head><body>${card(
      "dan 3(d) ii?",
      "30 Nov 2025, 23.58.12 WIB",
      "β = 1e-3.",
    )}${card("soal 3(c)?", "30 Nov 2025, 23.51.40 WIB", "(b) atau (d).")}</body></html>`;
    const { text } = await fromExport(page, "AktivitasSaya.html");
    expect(text).toMatch(
      /^\*\*User:\*\*\n\nsoal 3\(c\)\?\n\n\*\*Assistant:\*\*\n\n\(b\) atau \(d\)\./,
    );
  });
});

describe("a page laid out in two columns", () => {
  it("is read column by column, page by page; hyphenated line ends join", async () => {
    const left = [
      "Problem 1. The bug is on line 9: emb_word",
      "is drawn from N(0, 1) and the head is tied",
      "to it, so the logits have std about 22.6.",
      "The fix on line 9 is std = d_model ** -0.5,",
      "after which the logits are of unit scale",
      "and the initial loss is close to ln V. The",
      "input side is unaffected by the LayerNorm",
      "that follows the summed embeddings, so the",
      "other line stays as it is in the problem.",
    ];
    const right = [
      "Problem 3. (c) Curve (b): low and flat at",
      "small beta, lowest at a moderate beta, and",
      "then it shoots up once beta is large, be-",
      "cause the posterior collapses onto the",
      "prior and Z carries nothing about Y. A",
      "moderate beta throws away input detail",
      "that does not matter for the label, which",
      "is the regularising effect the paper saw",
      "at beta = 1e-3 on the MNIST test set.",
    ];
    const page = [
      "   Course DL · Homework 12 solutions                                          2025-12-04",
      "",
      ...left.map((l, k) => `   ${l.padEnd(46)}${right[k]}`),
    ].join("\n");
    const { text, format } = await fromExport(`${page}\f${page}`);
    expect(format).toBe("two-column page text");
    expect(text.startsWith("Course DL · Homework 12 solutions")).toBe(true);
    expect(text.indexOf("other line stays as it is")).toBeLessThan(text.indexOf("Problem 3. (c)"));
    expect(text).toContain("then it shoots up once beta is large, because the posterior");
    // an aligned table is no two-column page
    const grid = Array.from({ length: 10 }, (_, k) => `Task loss ${k}          ✓          ✓`);
    expect((await fromExport(grid.join("\n"))).format).toBeUndefined();
  });
});

describe("a form's responses", () => {
  it("questions as columns: the fullest response becomes an answer sheet, grid rows one line each", async () => {
    const csv = [
      '"Timestamp","Name","2(a). Give univariate P and Q with D(P||Q) finite and D(Q||P) infinite.","3(b). Which terms send gradient where? [Task loss]","3(b). Which terms send gradient where? [Latent regularizer]","3(c). Which validation-error curve?"',
      '"2025/12/03 9:47:13 PM","Kris","P = U(0, 1), Q = U(0, 2).","θe, θd","θe","(b)"',
      '"2025/12/04 10:02:51 AM","test","","","","(a)"',
    ].join("\n");
    const { text, format } = await fromExport(csv, "responses.csv");
    expect(format).toBe("spreadsheet");
    expect(text).toBe(
      [
        "Timestamp: 2025/12/03 9:47:13 PM",
        "Name: Kris",
        "### 2(a). Give univariate P and Q with D(P||Q) finite and D(Q||P) infinite.",
        "P = U(0, 1), Q = U(0, 2).",
        "### 3(b). Which terms send gradient where?",
        "Task loss: θe, θd",
        "Latent regularizer: θe",
        "### 3(c). Which validation-error curve?",
        "(b)",
      ].join("\n\n") + "\n",
    );
    const r = await grade(text, exampleKey, closedFormTools());
    expect(r.parts.find((p) => p.id === "3b")?.verdict).toBe("correct");
  });
});

describe("RTF documents", () => {
  it("control words, code-page bytes, Unicode escapes, emphasis and strikes; header tables skipped", async () => {
    const rtf = [
      "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fnil Calibri;}}",
      "{\\*\\generator Riched20 10.0}\\viewkind4\\uc1 ",
      "\\pard\\f0\\fs24 \\b D\\'e6mi 3(c)\\b0\\par",
      "\\pard Svar: {\\strike (d)} (b), D_KL(P\\u8214?Q)\\par",
      "}",
    ].join("\n");
    const { text, format } = await fromExport(rtf, "notes.rtf");
    expect(format).toBe("RTF document");
    expect(text).toBe("**Dæmi 3(c)**\n\nSvar: ~~(d)~~ (b), D_KL(P‖Q)\n");
    // 2 MB of nested groups and escapes stays linear
    const t0 = performance.now();
    await fromExport(`{\\rtf1${"{\\b\\'e6\\u8214?".repeat(150_000)}`, "big.rtf");
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});

describe("an Evernote export", () => {
  it("each note a heading and its ENML content as Markdown", async () => {
    const enex = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<en-export application="Evernote">',
      "  <note>",
      "    <title>HW12 answers</title>",
      '    <content><![CDATA[<?xml version="1.0"?><en-note><h2>3(c)</h2><div>Curve <b>(b)</b>.</div></en-note>]]></content>',
      "  </note>",
      "</en-export>",
    ].join("\n");
    const { text, format } = await fromExport(enex, "notes.enex");
    expect(format).toBe("XML export");
    expect(text).toMatch(/^# HW12 answers\n\n/);
    expect(text).toContain("## 3(c)");
    expect(text).toContain("Curve **(b)**.");
  });
});

describe("a mailing list's digest", () => {
  it("each message a turn under its sender; headers, boilerplate and quoted lines go", async () => {
    const digest = [
      "Send DL mailing list submissions to",
      "\tdl@example.org",
      "",
      "Today's Topics:",
      "   1. HW12 3(c) (Luca Moretti)",
      "   2. Re: HW12 3(c) (Sara Esposito)",
      "",
      "----------------------------------------------------------------------",
      "",
      "Message: 1",
      "Date: Tue, 2 Dec 2025 21:14:03 +0100",
      "From: Luca Moretti <luca@example.org>",
      "Subject: [DL] HW12 3(c)",
      "Message-ID:",
      "\t<abc@mail>",
      "",
      "Which curve for 3(c)?",
      "",
      "------------------------------",
      "",
      "Message: 2",
      "From: sara@example.org (Sara Esposito)",
      "Subject: Re: [DL] HW12 3(c)",
      "",
      "On Tue, Luca Moretti wrote:",
      "> Which curve for 3(c)?",
      "Curve (b).",
      "",
      "------------------------------",
    ].join("\n");
    const { text, format } = await fromExport(digest, "digest.txt");
    expect(format).toBe("mailing-list digest");
    expect(text).toBe(
      "**Luca Moretti:**\n\n*[DL] HW12 3(c)*\n\nWhich curve for 3(c)?\n\n**Sara Esposito:**\n\n*Re: [DL] HW12 3(c)*\n\nCurve (b).\n",
    );
  });
});

describe("e-mail", () => {
  it("quoted messages come first, oldest first, each a turn under its author's name", () => {
    const body = [
      "Corrected: 2(b) A is forward.",
      "",
      "On Tue, Dec 2, 2025 at 10:37 AM Dev Raman <dev@x.edu> wrote:",
      "> 2(b) looks swapped.",
      ">",
      "> On Mon, Dec 1, 2025 Lan <lan@x.edu> wrote:",
      ">> 2(b): A is reverse.",
    ].join("\n");
    expect(chronological(body, "Lan")).toBe(
      [
        "**Lan wrote:**",
        "",
        "On Mon, Dec 1, 2025 Lan <lan@x.edu> wrote:",
        "",
        "2(b): A is reverse.",
        "",
        "**Dev Raman wrote:**",
        "",
        "On Tue, Dec 2, 2025 at 10:37 AM Dev Raman <dev@x.edu> wrote:",
        "",
        "2(b) looks swapped.",
        "",
        "**Lan wrote:**",
        "",
        "Corrected: 2(b) A is forward.",
      ].join("\n"),
    );
    const parsed = parseTranscript(chronological(body, "Lan"), homework);
    expect(parsed.candidates.get("2b")?.at(-1)?.body).toMatch(/A is forward/);
  });
  it("a reply written between the lines it quotes keeps each question above its answer", async () => {
    const body = [
      "Thanks! One more question.",
      "",
      "On Mon, Dec 8, 2025 Anna Nowak <anna@x.edu> wrote:",
      "> I answer in the text.",
      ">",
      ">> Problem 1: I think the bug is on line 10, can I set emb_pos std to 0.02?",
      ">",
      "> No, line 9: nn.init.normal_(emb_word.weight, std=d_model ** -0.5), the head is tied.",
      ">",
      ">> Problem 2a: does P = N(0, 1), Q = N(0, 100) work, with D(Q||P) infinite?",
      ">",
      "> It does not: both directions are finite for two Gaussians.",
    ].join("\n");
    const md = chronological(body, "Jan Kowalski");
    expect(md).toContain(
      "> Problem 1: I think the bug is on line 10, can I set emb_pos std to 0.02?\n>\n\nNo, line 9",
    );
    const t = parseTranscript(md, homework);
    expect(t.candidates.get("1")?.at(-1)?.body).toMatch(/No, line 9/);
    expect(t.candidates.get("2a")?.at(-1)?.body).toMatch(/both directions are finite/);
    // the one who answers is the one who does not ask
    const g = await grade(
      md,
      exampleKey,
      closedFormTools(() => {}),
    );
    expect(g.parts.find((p) => p.id === "1")?.verdict).toBe("correct");
  });
  it("a MIME message: headers read, quoted-printable decoded", async () => {
    const eml = [
      "From: Lan <lan@x.edu>",
      "To: Dev <dev@x.edu>",
      "Subject: HW12",
      "Content-Type: text/plain; charset=UTF-8",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      "3(c): curve (b), lowest at =CE=B2 =3D 1e-3.",
      "",
    ].join("\r\n");
    const { text, format } = await fromExport(eml);
    expect(format).toBe("e-mail");
    expect(text).toBe("# HW12\n\n3(c): curve (b), lowest at β = 1e-3.\n\n");
  });
});

describe("notebooks and subtitles", () => {
  it("a notebook's Markdown cells as they are, code fenced in its language, outputs after", async () => {
    const nb = {
      nbformat: 4,
      metadata: { kernelspec: { language: "python" } },
      cells: [
        { cell_type: "markdown", source: ["## Problem 3\n", "(c) curve (b)."] },
        {
          cell_type: "code",
          source: "# ANSWER 3d-ii: beta = 1e-3\nprint(err)",
          outputs: [{ output_type: "stream", text: ["0.013\n"] }],
        },
      ],
    };
    const { text, format } = await fromExport(JSON.stringify(nb), "hw.ipynb");
    expect(format).toBe("Jupyter notebook");
    expect(text).toBe(
      "## Problem 3\n(c) curve (b).\n\n```python\n# ANSWER 3d-ii: beta = 1e-3\nprint(err)\n```\n\n```text\n0.013\n```\n",
    );
  });
  it("an answer engine's thread copied as text: queries the person's, each 'Answer' the model's, sources and follow-ups gone", async () => {
    const page = [
      "ok, the curve one (3c): which of the four curves?",
      "",
      "Sources",
      "Deep Variational Information Bottleneck",
      "arxiv",
      "1",
      "",
      "Answer",
      "Curve (b) is the best match.[1]",
      "",
      "Related",
      "What is the information plane?",
      "How does VIB compare with dropout?",
      "",
      "and 3(a)?",
      "",
      "Sources",
      "Reparameterization trick",
      "Answer",
      "Z = μ + σ·V: one multiplier, one adder.",
    ].join("\n");
    const { text, format } = await fromExport(page, "thread.md");
    expect(format).toBe("answer engine's thread copied as text");
    expect(text).toBe(
      [
        "**User:**\n\nok, the curve one (3c): which of the four curves?",
        "**Assistant:**\n\nCurve (b) is the best match.[1]",
        "**User:**\n\nand 3(a)?",
        "**Assistant:**\n\nZ = μ + σ·V: one multiplier, one adder.\n",
      ].join("\n\n"),
    );
    // an answer without its "Related" list: the paragraph before the next "Sources" is the query
    const unrelated = (
      await fromExport(
        "q1 (3c)?\n\nSources\nx\nAnswer\na1 (b).\n\nand 3(a)?\nSources\ny\nAnswer\na2\n",
        "t.md",
      )
    ).text;
    expect(unrelated).toBe(
      "**User:**\n\nq1 (3c)?\n\n**Assistant:**\n\na1 (b).\n\n**User:**\n\nand 3(a)?\n\n**Assistant:**\n\na2\n",
    );
    // a page that only mentions its sources is not one
    expect((await fromExport("Sources\nAnswer: (b)\n", "n.md")).format).toBeUndefined();
    // in the page's language, with "Sources" a tab in the row under the query ("Yanıt",
    // "Görseller", "Kaynaklar"), and follow-ups under "İlgili"
    const turkish = [
      "3(c) hangi eğri?",
      "",
      "Yanıt",
      "Görseller",
      "Kaynaklar",
      "",
      "Eğri (b): küçük β'da düz, orta β'da en düşük, büyük β'da hızla artar.",
      "",
      "İlgili",
      "VIB nedir?",
      "",
      "peki 3(a)?",
      "",
      "Yanıt",
      "Kaynaklar",
      "Z = μ + σ·V: bir çarpıcı, bir toplayıcı.",
    ].join("\n");
    const tr = await fromExport(turkish, "thread.txt");
    expect(tr.format).toBe("answer engine's thread copied as text");
    expect(tr.text).toBe(
      [
        "**User:**\n\n3(c) hangi eğri?",
        "**Assistant:**\n\nEğri (b): küçük β'da düz, orta β'da en düşük, büyük β'da hızla artar.",
        "**User:**\n\npeki 3(a)?",
        "**Assistant:**\n\nZ = μ + σ·V: bir çarpıcı, bir toplayıcı.\n",
      ].join("\n\n"),
    );
  });
  it("an answer engine's thread through a PDF: the tab row on one line ('Отговор          Източници · 5') opens each reply and ends the query; the page header ('Perplexity · 3 дек.') goes; a count after 'Sources' ('Izvori · 6') is still that line", async () => {
    const pdf = [
      "Перплексити: KL",
      "Perplexity · 3 дек. 2025 г.",
      "",
      "Коя крива е 3(c)?",
      "",
      "   Отговор          Източници · 5",
      "",
      "Крива (b): най-ниска грешка при умерено β.",
      "",
      "https://www.perplexity.ai/search/kl-abc          1/2",
      "А 3(a)?",
      "",
      "   Отговор          Източници · 2",
      "",
      "Z = μ + σ·V: един умножител и един суматор.",
    ].join("\n");
    const bg = await fromExport(pdf, "thread.txt");
    expect(bg.format).toBe("answer engine's thread copied as text");
    expect(bg.text).not.toContain("Perplexity · 3");
    expect(bg.text).toMatch(
      /\*\*User:\*\*\n\n[^*]*Коя крива е 3\(c\)\?\n\n\*\*Assistant:\*\*\n\nКрива \(b\)/,
    );
    expect(bg.text).toMatch(/\*\*User:\*\*\n\nА 3\(a\)\?\n\n\*\*Assistant:\*\*\n\nZ = μ/);
    const sr = await fromExport("3(c)?\n\nIzvori · 6\nx\nOdgovor\nKriva (b).\n", "t.md");
    expect(sr.text).toBe("**User:**\n\n3(c)?\n\n**Assistant:**\n\nKriva (b).\n");
  });
  it("an answer engine's thread kept as Markdown without its marks: each '## query' after a rule opens the person's message, where 'Sources' lists stand between", async () => {
    const t = [
      "Homework 12 (Perplexity)",
      "========================",
      "",
      "---",
      "",
      "## Which of the curves (a)–(d) best shows the validation error as β grows?",
      "",
      "**Pro Search** · 3 steps completed · 6 sources",
      "",
      "The error is lowest at a moderate β: curve **(b)**[1].",
      "",
      "Sources",
      "[1] Deep Variational Information Bottleneck – arxiv.org/abs/1612.00410",
      "",
      "---",
      "",
      "## And the block diagram of 3(a)?",
      "",
      "Z = μ(x) + σ(x)·V: one multiplier, one adder.",
    ].join("\n");
    const { text, format } = await fromExport(t);
    expect(format).toBe("answer engine's thread exported as Markdown");
    expect(text).toMatch(/\*\*User:\*\*\n\nWhich of the curves/);
    expect(text).toMatch(/\*\*User:\*\*\n\nAnd the block diagram/);
    // a page of answers with a rule and a heading in it, and no sources, stays as it is
    const plain =
      "# Answers\n\n---\n\n## Problem 1\n\nstd = 0.02\n\n---\n\n## Problem 2\n\nP = U(0, 1)\n";
    expect((await fromExport(plain)).format).not.toBe(
      "answer engine's thread exported as Markdown",
    );
  });
  it("an answer engine's thread exported as Markdown: each query heading opens the person's message, the reply after it is the model's, the sources go", async () => {
    const exported = [
      '<img src="https://r2cdn.perplexity.ai/pplx-full-logo-primary-dark%402x.png" style="height:64px"/>',
      "",
      "# Problem 1 des Übungsblatts: wo ist der Initialisierungsfehler?",
      "",
      "Zeile 9: emb_word.weight ~ N(0, 1), Zeile 10: emb_pos.weight ~ N(0, 1), lm_head an emb_word gebunden, d_model = 512. Welche Zeile muss ich ändern?",
      "",
      "Der Fehler steht in Zeile 9: mit gebundenem Kopf haben die Logits die Standardabweichung √d_model ≈ 22.6, der Softmax sättigt.[^1_1]",
      "",
      "```python",
      "# Zeile 9 (korrigiert)",
      "nn.init.normal_(emb_word.weight, std=d_model ** -0.5)",
      "```",
      "",
      "Damit sind die Logits anfangs von der Größenordnung 1 und der Anfangsverlust liegt nahe ln V.",
      "",
      '<div align="center">⁂</div>',
      "",
      "[^1_1]: https://arxiv.org/abs/1706.03762",
      "",
      "---",
      "",
      "# Und 3(c): welche Kurve?",
      "",
      "Kurve (b): bei sehr kleinem β wirkt der Engpass kaum und das Netz überanpasst, ein moderates β regularisiert und liefert den kleinsten Validierungsfehler, ein großes β lässt den KL-Term dominieren und löscht das Label aus Z.[^2_1]",
      "",
      '<div align="center">⁂</div>',
      "",
      "[^2_1]: https://arxiv.org/abs/1612.00410",
    ].join("\n");
    const { text, format } = await fromExport(exported, "thread.md");
    expect(format).toBe("answer engine's thread exported as Markdown");
    expect(text).not.toMatch(/arxiv|⁂|perplexity\.ai/);
    // the reply's code keeps its comment line: a "#" in a code block is no query
    expect(text.match(/\*\*User:\*\*/g)).toHaveLength(2);
    expect(text).toContain("# Zeile 9 (korrigiert)");
    const read = parseTranscript(text, homework);
    const role = (needle: string) =>
      read.roles[text.slice(0, text.indexOf(needle)).split("\n").length - 1]!.role;
    expect(role("Zeile 9: emb_word")).toBe("person");
    expect(role("Der Fehler steht")).toBe("model");
    expect(role("Und 3(c)")).toBe("person");
    expect(role("Kurve (b)")).toBe("model");
    // a Markdown note with a level-1 title and no engine's marks is not one
    expect((await fromExport("# Notes\n\n3(c): (b)\n", "n.md")).format).toBeUndefined();
  });
  it("an application's log with the API's JSON bodies printed in it: the request's messages and the response's reply", async () => {
    const log = [
      "2025-12-01 13:42:10,118 INFO batch: starting run (n_prompts=1)",
      "2025-12-01 13:42:10,122 DEBUG request body:",
      JSON.stringify(
        { model: "m", messages: [{ role: "user", content: "Answer 3(c): which curve?" }] },
        null,
        2,
      ),
      "2025-12-01 13:42:19,004 DEBUG response body:",
      JSON.stringify(
        {
          choices: [
            { message: { role: "assistant", content: "**3(c): curve (b).** A {brace} in text." } },
          ],
        },
        null,
        2,
      ),
      "2025-12-01 13:42:19,010 INFO batch: done",
    ].join("\n");
    const { text, format } = await fromExport(log, "run.log");
    expect(format).toBe("log with API request and response bodies");
    expect(text).toContain("Answer 3(c): which curve?");
    expect(text).toMatch(
      /\*\*Assistant:\*\*\s+\*\*3\(c\): curve \(b\)\.\*\* A \{brace\} in text\./,
    );
    // a log without a reply is not one
    expect((await fromExport(log.split("response body:")[0]!, "run.log")).format).toBeUndefined();
  });
  it("a notebook that asks a model through an API: its notes, code and prompt strings the person's, each printed reply the model's", async () => {
    const reply = [
      "### (c) Validation error vs β",
      "",
      "**Answer: (b).** At tiny β the bottleneck does almost nothing and the network overfits the",
      "training digits; a moderate β regularises it and gives the lowest validation error; at large β",
      "the KL term dominates, the posterior collapses toward the prior and the error shoots up.",
      "```",
      "error ─╮   ╭─",
      "```",
    ].join("\n");
    const nb = {
      nbformat: 4,
      metadata: { kernelspec: { language: "python" } },
      cells: [
        { cell_type: "markdown", source: "Asking the model through the API." },
        {
          cell_type: "code",
          source:
            'p3 = """Problem 3 (c): which curve best shows validation error against β?"""\nask(p3)',
          outputs: [{ output_type: "stream", text: reply }],
        },
        { cell_type: "markdown", source: "Looks right to me." },
      ],
    };
    const { text } = await fromExport(JSON.stringify(nb), "api.ipynb");
    expect(text).toBe(
      [
        "**User:**",
        "Asking the model through the API.",
        '```python\np3 = """Problem 3 (c): which curve best shows validation error against β?"""\nask(p3)\n```',
        "Problem 3 (c): which curve best shows validation error against β?",
        "**Assistant:**",
        reply,
        "**User:**",
        "Looks right to me.\n",
      ].join("\n\n"),
    );
    const r = await grade(normalizeTranscript(text), exampleKey, closedFormTools());
    expect(r.parts.find((p) => p.id === "3c")).toMatchObject({ verdict: "correct", answer: "(b)" });
    // a student's own notebook with a long warning on stderr is no conversation
    const own = {
      ...nb,
      cells: [
        { cell_type: "markdown", source: "## 3(c)\nCurve (b)." },
        {
          cell_type: "code",
          source: 'msg = """a long string that is no prompt at all, just data"""\nrun()',
          outputs: [{ output_type: "stream", name: "stderr", text: reply }],
        },
      ],
    };
    expect((await fromExport(JSON.stringify(own), "own.ipynb")).text).not.toMatch(
      /\*\*Assistant:\*\*/,
    );
  });
  it("a notebook copied as text ('In [2]:' over code, 'Out[2]:' over output): the same conversation, a later cell's short reply the model's too; a notebook that asks nothing stays text", async () => {
    const reply = [
      "Curve (b). At a tiny β the bottleneck does almost nothing and the network overfits the training",
      "digits; a moderate β regularises it and gives the lowest validation error; at a large β the KL",
      "term dominates, the posterior collapses toward the prior, nothing about the label is left in",
      "the latent code and the error shoots up.",
    ].join("\n");
    const copied = [
      "hw12.ipynb, copied cell by cell",
      "",
      "In [1]:",
      'q = """Problem 3(c): which curve best shows the validation error against β?"""',
      "print(ask(q))",
      "",
      "Out[1]:",
      reply,
      "",
      "In [2]:",
      'print(ask(q + " Are you sure it is not (d)?"))',
      "",
      "Out[2]:",
      "Yes, I am sure: the answer stays (b), a large β leaves nothing to predict from.",
      "",
      "In [ ]:",
    ].join("\n");
    const { text, format } = await fromExport(copied, "hw12.txt");
    expect(format).toBe("Jupyter notebook copied as text");
    expect(text.match(/\*\*Assistant:\*\*/g)).toHaveLength(2);
    const r = await grade(normalizeTranscript(text), exampleKey, closedFormTools());
    expect(r.parts.find((p) => p.id === "3c")).toMatchObject({ verdict: "correct", answer: "(b)" });
    const own = ["In [1]:", "x = 2", "", "Out[1]:", "4", "", "In [2]:", "# 3(c): curve (b)"];
    expect((await fromExport(own.join("\n"), "own.txt")).format).toBeUndefined();
  });
  it("a recogniser's console lines: the text on the timing line, a short gap a pause where cues run back to back", async () => {
    const whisper = [
      "$ whisper session.m4a --model medium.en",
      "Detecting language using up to the first 30 seconds.",
      "[00:00.000 --> 00:04.000]  Three C, which curve?",
      "[00:04.000 --> 00:06.500]  A rises, B dips then shoots up.",
      "[00:07.200 --> 00:09.000]  I'd go with curve B.",
      "[00:09.000 --> 00:11.000]  It is lowest at a moderate beta.",
      "[00:11.600 --> 00:12.000]  Okay, B.",
    ].join("\n");
    const { text, format } = await fromExport(whisper, "session.txt");
    expect(format).toBe("subtitles");
    expect(text).toBe(
      "Three C, which curve?\nA rises, B dips then shoots up.\n\nI'd go with curve B.\nIt is lowest at a moderate beta.\n\nOkay, B.\n",
    );
  });
  it("subtitles: timings and numbers go, a cue's lines join, a sentence starts a line and a pause a paragraph", async () => {
    const srt = [
      "1",
      "00:00:04,200 --> 00:00:06,000",
      "okay problem two,",
      "KL divergence part a.",
      "",
      "2",
      "00:00:06,100 --> 00:00:08,000",
      "<i>take P uniform</i> on zero one",
      "",
      "3",
      "00:00:11,000 --> 00:00:12,000",
      "part b. plot A is forward",
      "",
    ].join("\n");
    const { text, format } = await fromExport(srt, "video.srt");
    expect(format).toBe("subtitles");
    expect(text).toBe(
      "okay problem two, KL divergence part a.\ntake P uniform on zero one\n\npart b.\nplot A is forward\n",
    );
    const parsed = parseTranscript(text, homework);
    // the part named right after its problem, in the same clause, opens at that clause
    expect(parsed.candidates.get("2a")?.[0]?.body).toMatch(
      /^okay problem two, KL divergence part a\./,
    );
    expect(parsed.candidates.get("2b")?.[0]?.body.trim()).toBe("plot A is forward");
  });

  it("WebVTT: long header blocks, cue settings dropped, voice tags as speaker labels", async () => {
    const vtt = [
      "WEBVTT",
      "Kind: captions",
      "",
      "NOTE",
      "a recorded session,",
      "transcribed.",
      "",
      "STYLE",
      '::cue(v[voice="Tutor"]) { color: yellow }',
      "",
      "1",
      "00:00:03.120 --> 00:00:07.020 line:85% position:50% align:center",
      "<v Sam Student>What about 3(c)?",
      "",
      "2",
      "00:00:07.260 --> 00:00:09.660 align:start",
      "<v.loud Tutor>Curve (b),",
      "",
      "3",
      "00:00:09.700 --> 00:00:11.000",
      "<v Tutor>lowest at a moderate β.",
      "",
    ].join("\n");
    const { text, format } = await fromExport(vtt, "session.vtt");
    expect(format).toBe("subtitles");
    expect(text).toBe(
      "**Sam Student:** What about 3(c)?\n\n**Tutor:** Curve (b), lowest at a moderate β.\n",
    );
    // auto-captions roll: each cue repeats the line before; sound tags are no speech; with no
    // sentence marks anywhere, each caption line is a phrase of its own
    const rolling = [
      "1",
      "00:00:00,160 --> 00:00:05,030",
      "[Music]",
      "",
      "2",
      "00:00:06,647 --> 00:00:09,555",
      "[Music]",
      "hello everyone",
      "",
      "3",
      "00:00:09,565 --> 00:00:12,898",
      "hello everyone",
      "question 3 part c is curve b",
      "",
    ].join("\n");
    expect((await fromExport(rolling, "auto.srt")).text).toBe(
      "hello everyone\nquestion 3 part c is curve b\n",
    );
    // Zoom's transcripts open each cue with the speaker's name instead
    const zoom = [
      "WEBVTT",
      "",
      "1",
      "00:00:02.350 --> 00:00:05.565",
      "Ана Марковић: А трећи ц?",
      "",
      "2",
      "00:00:05.989 --> 00:00:07.189",
      "Jovana's iPhone: Curve (b):",
      "",
      "3",
      "00:00:07.200 --> 00:00:08.000",
      "lowest at a moderate β.",
      "",
    ].join("\n");
    expect((await fromExport(zoom, "zoom.vtt")).text).toBe(
      "**Ана Марковић:** А трећи ц?\n\n**Jovana's iPhone:** Curve (b): lowest at a moderate β.\n",
    );
  });
});

describe("terminal recordings", () => {
  const E = "\u001b";
  it("replays the screen: spinners, erased placeholders, cursor moves and colours leave no trace", async () => {
    const typescript = [
      'Script started on 2025-11-29 22:03:17+01:00 [TERM="xterm-256color"]',
      `${E}]0;me@host: ~\u0007$ ollama run llama3\r`,
      // a spinner drawn and erased at column 1, then a grey placeholder erased by typing
      `${E}[1G⠋ ${E}[K${E}[1G⠙ ${E}[K${E}[1G${E}[K>>> ${E}[38;5;245mSend a message${E}[14D${E}[0m${E}[K3(c)? which curve\r`,
      // the reply: a word started at a line's end is taken back and rewritten on the next line
      `${E}[1G⠹ ${E}[K${E}[1GThe answer is (b), lowest at a mod${E}[3D${E}[K\r`,
      "moderate β.\r",
      `>>> ${E}[38;5;245mSend a message${E}[14D${E}[0m${E}[K/bye\r`,
      "Script done on 2025-11-29 22:19:40+01:00",
    ].join("\n");
    const { text, format } = await fromExport(typescript, "session.txt");
    expect(format).toBe("terminal session");
    expect(text).toBe(
      [
        "$ ollama run llama3",
        "",
        "**You:** 3(c)? which curve",
        "",
        "**Assistant:**",
        "The answer is (b), lowest at a",
        "moderate β.",
        "",
        "**You:** /bye",
        "",
      ].join("\n"),
    );
    const r = parseTranscript(text, homework);
    expect(r.candidates.get("3c")?.[0]?.body).toMatch(/The answer is \(b\)/);
  });

  it("is linear in its input: 2 MB of escapes and carriage returns", async () => {
    const t0 = performance.now();
    const junk = `${E}[1G⠋ ${E}[K\r${"x".repeat(50)}${E}[5D`.repeat(40_000);
    await fromExport(`${E}[0m${E}[0m${E}[0m${junk}`, "big.txt");
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});

describe("LaTeX write-ups", () => {
  it("sections, labelled items, strikes, tables of marks, verbatim, comments and defined macros", async () => {
    const tex = [
      "\\documentclass{article}",
      "\\newcommand{\\KL}{D_{\\mathrm{KL}}}",
      "\\begin{document}",
      "\\section*{Problem 2}",
      "\\begin{enumerate}[label=(\\alph*)]",
      "  \\item P = U(0, 1), Q = U(0, 2).",
      "  \\item[(b)] Plot~A is \\sout{the reverse} the forward $\\KL(P\\|Q)$. % was wrong before",
      "\\end{enumerate}",
      "\\subsection*{3(b)}",
      "\\begin{tabular}{lcc}",
      "\\hline",
      " & $\\theta_e$ & $\\theta_d$ \\\\ \\hline",
      "task loss & $\\checkmark$ & \\checkmark \\\\",
      "regularizer & \\checkmark & \\sout{$\\checkmark$}\\,$\\times$ \\\\",
      "\\end{tabular}",
      "\\begin{verbatim}",
      "x = 1 % kept: code",
      "\\end{verbatim}",
      "50\\% of \\textbf{mass}",
      "\\end{document}",
    ].join("\n");
    const { text, format } = await fromExport(tex, "hw.tex");
    expect(format).toBe("LaTeX document");
    // hostile input stays linear: 2 MB of unclosed arguments, braces and macros
    const t0 = performance.now();
    const hostile = [
      "\\documentclass{x}\\newcommand{\\a}{b}",
      "\\textbf{\\sout{".repeat(70_000),
      `\n${"{".repeat(500_000)}`,
      `\n${"\\a ".repeat(200_000)}`,
    ].join("");
    await fromExport(hostile, "big.tex");
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(text).toBe(
      [
        "## Problem 2",
        "",
        "(a) P = U(0, 1), Q = U(0, 2).",
        "(b) Plot A is ~~the reverse~~ the forward $D_{\\mathrm{KL}}(P\\|Q)$.",
        "",
        "### 3(b)",
        "",
        "|  | $\\theta_e$ | $\\theta_d$ |",
        "| --- | --- | --- |",
        "| task loss | ✓ | ✓ |",
        "| regularizer | ✓ | ~~✓~~ ✗ |",
        "",
        "```",
        "x = 1 % kept: code",
        "```",
        "50% of **mass**",
        "",
      ].join("\n"),
    );
  });
  it("a chat log set in boxes the preamble titles: each box's title is its speaker's label", async () => {
    const tex = [
      "\\documentclass{article}",
      "\\usepackage[most]{tcolorbox}",
      "\\newtcolorbox{prompt}{colback=blue!4,title=Me (prompt),fonttitle=\\bfseries}",
      "\\newtcolorbox{response}{colback=orange!4,title=Le Chat (Mistral, Medium 3.1 -- Think mode)}",
      "\\begin{document}",
      "\\begin{prompt}",
      "(a) Give univariate $P$ and $Q$.",
      "\\end{prompt}",
      "\\begin{response}",
      "$P = (\\tfrac12, \\tfrac12, 0)$, $Q = (\\tfrac14, \\tfrac14, \\tfrac12)$ on $\\{0,1,2\\}$.",
      "\\end{response}",
      "\\end{document}",
    ].join("\n");
    const { text } = await fromExport(tex, "disclosure.tex");
    expect(text).toMatch(/\*\*Me \(prompt\):\*\*\n\n\(a\) Give/);
    expect(text).toMatch(/\*\*Le Chat \(Mistral, Medium 3\.1 – Think mode\):\*\*/);
  });
  it("a box whose opening code sets the model's label in bold ('\\textbf{Claude:}') is the model's turn; the writer's note after it is the person's", async () => {
    const tex = [
      "\\documentclass{article}",
      "\\usepackage{framed}",
      "\\newenvironment{llm}{\\begin{framed}\\noindent\\textbf{Claude:}\\ }{\\end{framed}}",
      "\\begin{document}",
      "Everything outside the boxes is mine.",
      "\\begin{llm}",
      "Plot A is the forward KL fit, plot B the reverse KL fit.",
      "\\end{llm}",
      "My note: the forward KL averages under $P$, so $Q$ covers both modes.",
      "\\end{document}",
    ].join("\n");
    const { text } = await fromExport(tex, "writeup.tex");
    expect(text).toMatch(/\*\*Claude:\*\*\n\nPlot A is the forward/);
    expect(text).toMatch(/\*\*User:\*\*\n\nMy note:/);
  });
  it("an environment named for the model is its turn; the writer's text after it is the person's; a drawing's code and TeX quotes are no labels or openers", async () => {
    const tex = [
      "\\documentclass{article}",
      "\\newenvironment{deepseek}{\\begin{quote}}{\\end{quote}}",
      "\\begin{document}",
      "The interface says ``Thought for 31 seconds'' above each answer.",
      "\\section{Part (a)}",
      "\\begin{deepseek}",
      "Z = \\mu + \\sigma V: a multiplier, then an adder.",
      "\\end{deepseek}",
      "My redrawing:",
      "\\begin{tikzpicture}",
      "\\node (a) {$+$};",
      "\\end{tikzpicture}",
      "\\end{document}",
    ].join("\n");
    const { text } = await fromExport(tex, "report.tex");
    expect(text).toMatch(/\*\*deepseek:\*\*\n\nZ = /);
    expect(text).toMatch(/\*\*User:\*\*\n\nMy redrawing:/);
    expect(text).toContain("“Thought for 31 seconds”");
    expect(text).toMatch(/```\n\\node \(a\)/);
  });
});

describe("a social thread copied from its page", () => {
  it("the author's posts answer, the others' are replies; dates, counters and page words go", async () => {
    const page = [
      "Post",
      "Conversation",
      "Ann Tutor",
      "@ann_t",
      "1/2 I asked a chatbot HW 12. Its 3(c): curve (d).",
      "Translate post",
      "9:02 PM · Nov 30, 2025",
      "·",
      "18.2K",
      " Views",
      "12",
      "Bob",
      "@bob",
      "·",
      "Nov 30",
      "Replying to @ann_t",
      "(b) surely?",
      "0",
      "Ann Tutor",
      "@ann_t",
      "·",
      "Nov 30",
      "2/2 Its 3(b): all four boxes ticked.",
      "3",
      "4.9K",
    ].join("\n");
    const { text, format } = await fromExport(page);
    expect(format).toBe("social thread copied as text");
    expect(text).toBe(
      [
        "**Ann Tutor (@ann_t):**",
        "1/2 I asked a chatbot HW 12. Its 3(c): curve (d).",
        "",
        "**Reply:** Bob (@bob)",
        "(b) surely?",
        "",
        "**Ann Tutor (@ann_t):**",
        "2/2 Its 3(b): all four boxes ticked.",
        "",
      ].join("\n"),
    );
  });
});

describe("Org-mode files", () => {
  it("headings without their TODO keyword, source blocks fenced, keywords dropped, =code= inline", async () => {
    const org = [
      "#+TITLE: HW12",
      "* DONE Problem 3",
      "** (c)",
      "Curve (b); see =beta= = 1e-3.",
      "#+begin_src python",
      "z = mu + sigma * v",
      "#+end_src",
      "- [X] task loss -> theta_e",
    ].join("\n");
    const { text, format } = await fromExport(org, "notes.org");
    expect(format).toBe("Org-mode file");
    expect(text).toBe(
      "# Problem 3\n## (c)\nCurve (b); see `beta` = 1e-3.\n```python\nz = mu + sigma * v\n```\n- [X] task loss -> theta_e\n",
    );
  });
  it("drawers and planning lines go; a quotation is its introducer's turn (or the last one's), notes after it the writer's; +struck+ text", async () => {
    const org = [
      "#+TITLE: HW12",
      "** DONE (b)",
      "CLOSED: [2025-11-22 Sat 22:05]",
      ":PROPERTIES:",
      ":MODEL: Gemini",
      ":END:",
      "Gemini:",
      "#+BEGIN_QUOTE",
      "Plot A is the forward KL.",
      "#+END_QUOTE",
      "+A is reverse+ (my first guess)",
      "#+BEGIN_QUOTE",
      "Plot B is the reverse KL.",
      "#+END_QUOTE",
    ].join("\n");
    const { text } = await fromExport(org, "notes.org");
    expect(text).toBe(
      "## (b)\nGemini:\nPlot A is the forward KL.\n\n**Me:**\n\n~~A is reverse~~ (my first guess)\n**Gemini:**\n\nPlot B is the reverse KL.\n\n**Me:**\n\n",
    );
  });
});

describe("AsciiDoc", () => {
  it("sections as headings, an attributed quote as that speaker's turn, listings fenced, tables piped, stem and subscripts kept", async () => {
    const adoc = [
      "= HW 12",
      "Ana <ana@example.edu>",
      ":stem: latexmath",
      "",
      "== Soru 3",
      "",
      "[quote, Claude 3.7 Sonnet]",
      "____",
      "* [x] task loss → θ~e~",
      "",
      "[source,python]",
      "----",
      "z = mu + sigma * v",
      "----",
      "____",
      "",
      "NOTE: my own check",
      "",
      '[cols="1,2", options="header"]',
      "|===",
      "|Plot |KL",
      "",
      "|A",
      "|stem:[D_{KL}(P \\parallel Q)]",
      "|===",
    ].join("\n");
    const { text, format } = await fromExport(adoc, "hw.adoc");
    expect(format).toBe("AsciiDoc document");
    expect(text).toBe(
      [
        "# HW 12",
        "Ana <ana@example.edu>",
        "",
        "## Soru 3",
        "",
        "**Claude 3.7 Sonnet:**",
        "",
        "* [x] task loss → θ_e",
        "",
        "```",
        "z = mu + sigma * v",
        "```",
        "",
        "**Me:**",
        "",
        "",
        "NOTE: my own check",
        "",
        "| Plot | KL |",
        "| --- | --- |",
        "| A | $D_{KL}(P \\parallel Q)$ |",
        "",
      ].join("\n"),
    );
    expect(isAsciiDoc("= Title\n:toc: left\n\ntext")).toBe(true);
    expect(isAsciiDoc("= not a title line in Markdown\nplain text")).toBe(false);
  });
});

describe("a chat page copied as plain text", () => {
  it("the buttons under each message tell whose it is; a copy with speaker names is left alone", async () => {
    const copy = [
      "Problem 3 (c): which curve?",
      "Edit",
      "",
      "Curve (d), the hump.",
      "Copy",
      "Retry",
      "",
      "The hint says to read the axes again. Are you sure?",
      "Edit",
      "",
      "You're right: curve (b), lowest at a moderate β.",
      "Copy",
      "Retry",
    ].join("\n");
    const { text, format } = await fromExport(copy);
    expect(format).toBe("chat page copied as text");
    expect(text).toMatch(
      /^\*\*User:\*\*\n\nProblem 3 \(c\): which curve\?\n\n\*\*Assistant:\*\*\n\nCurve \(d\)/,
    );
    expect(parseTranscript(text, homework).candidates.get("3c")?.at(-1)?.body).toMatch(
      /curve \(b\)/,
    );
    const labelled = `You said:\n${copy}`.replace("Curve (d)", "ChatGPT said:\nCurve (d)");
    expect((await fromExport(labelled)).format).toBeUndefined();
  });
});

describe("a Q&A site's page copied as text", () => {
  it("the asker is the person, each answer's author the answering side, other commenters third parties; chrome goes", async () => {
    const page = [
      "Skip to main content",
      "Which curve in 3(c)?",
      "Asked today",
      "4",
      "The validation error against β: which curve?",
      "Share",
      "Cite",
      "Improve this question",
      "Follow",
      "asked Dec 2 at 22:40",
      "ana_k",
      "11 bronze badges",
      "Did you try plotting it? – bob Dec 2 at 22:58",
      "Add a comment",
      "1 Answer",
      "7",
      "Curve (d): it rises and then falls.",
      "Share",
      "Improve this answer",
      "Follow",
      "edited Dec 3 at 8:40",
      "editor_x",
      "answered Dec 3 at 0:17",
      "Carol D.",
      "2,901 silver badges",
      "On reflection it is (b), lowest at a moderate β. – Carol D. Dec 3 at 7:52",
      "Add a comment",
      "Your Answer",
      "Related",
      "Why does (a) rise? ",
    ].join("\n");
    const { text, format } = await fromExport(page);
    expect(format).toBe("Q&A site page copied as text");
    const roles = parseTranscript(text, homework).segmentation;
    const labels = [...roles.labels.values()].map((l) => l.name);
    // (a name commenting once is no speaker label to the grader: its line joins the turn before)
    expect(labels).toEqual(["user", "assistant", "assistant"]);
    expect(text).toContain("**bob:**\n\nDid you try plotting it?");
    expect(text).not.toMatch(/Related|editor_x|Your Answer/);
    expect(parseTranscript(text, homework).candidates.get("3c")?.at(-1)?.body).toMatch(/\(b\)/);
  });
  it("comments copied without 'Add a comment' end at the first line that is no comment", async () => {
    const page = [
      "Gradients and curves in a VIB",
      "1. The gradient table: which terms reach θe and θd?",
      "2. Which validation-error curve is right?",
      "Share",
      "Improve this question",
      "Follow",
      "asked 3 days ago",
      "ana_k",
      "    Please add the self-study tag. – bob 3 days ago",
      "",
      "1 Answer",
      "",
      "Gradient table. The task loss reaches θe and θd; the regularizer only θe.",
      "",
      "The curve. It's the U-shaped one, lowest at a moderate β.",
      "",
      "Share",
      "Improve this answer",
      "Follow",
      "answered 3 days ago",
      "carol",
    ].join("\n");
    const { text } = await fromExport(page);
    expect(text).toContain("**Assistant (carol):**");
    // the answer's sections are named by the parts' own words, not labels
    const t = parseTranscript(text, homework);
    expect(t.candidates.get("3b")?.at(-1)?.body).toMatch(/only θe/);
    expect(t.candidates.get("3c")?.at(-1)?.body).toMatch(/U-shaped/);
  });
});
