"use strict";
// PakAzBot web chat. Everything the server sends is put on the page as text (textContent), never as HTML.

const $ = (id) => document.getElementById(id);

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value !== null && value !== undefined) node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function call(url, options) {
  const response = await fetch(url, options);
  const body = await response.json().catch(() => ({ error: "The server sent an unreadable reply." }));
  if (!response.ok) throw new Error(body.error || `The server answered ${response.status}.`);
  return body;
}

function showError(target, message) {
  target.replaceChildren(el("div", { class: "card error", role: "alert" }, message));
}

// --- Who this browser is: a random id kept in localStorage, so each person has one pick per reply --------

const clientIdKey = "pakazbot-client-id";
let pageClientId = null;

function randomId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function clientId() {
  try {
    let id = localStorage.getItem(clientIdKey);
    if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
      id = randomId();
      localStorage.setItem(clientIdKey, id);
    }
    return id;
  } catch {
    // No storage (a private window that refuses it): an id for as long as the page is open.
    pageClientId = pageClientId || randomId();
    return pageClientId;
  }
}

function postJson(url, body) {
  return call(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

// --- The reply's own words, in the question's language (the quote and the citation stay English) -----

// Read once from the server (Core's reply texts, the same as Discord's and Teams'), keyed by "en", "ur", "ur-Latn", "az".
let replyTexts = null;
const replyTextsLoaded = fetch("/reply-text.json").then((r) => r.json()).then((texts) => { replyTexts = texts; }).catch(() => {});

// The English words a reply falls back on should the texts not load.
const englishTexts = {
  eventDate: "Event date", confidence: "Confidence", notSure: "I'm not sure — the closest passages in my sources:",
  cannotAnswerSentence: "I can't answer that from my sources.", topicsHeading: "My sources cover", noneOfThese: "None of these",
  thisAnswersIt: "This answers it", noneNoted: "None of these answers it — noted, thanks. A moderator will look at the question.",
  picked: "You picked this passage from the closest ones", related: "Related", youAsked: "You asked: {question}",
  sending: "Sending…", tryCommands: "Try {timeline} for dated events, or {sources} for what I have read.",
};

function textsFor(language) {
  return (replyTexts && (replyTexts[language] || replyTexts.en)) || englishTexts;
}

function fill(text, values) {
  return Object.entries(values).reduce((t, [name, value]) => t.split(`{${name}}`).join(value), text);
}

// The suffix of an Azerbaijani ordinal year, after the vowel of its last spoken word (as Core's ReplyText does it).
function azerbaijaniOrdinal(year) {
  const ones = ["", "ci", "ci", "cü", "cü", "ci", "cı", "ci", "ci", "cu"];
  const tens = ["", "cu", "ci", "cu", "cı", "ci", "cı", "ci", "ci", "cı"];
  const suffix = year % 10 ? ones[year % 10] : year % 100 ? tens[Math.floor(year / 10) % 10] : year % 1000 ? "cü" : "ci";
  return `${year}-${suffix}`;
}

// The answer's date as people write it in the reply's language: from the ISO form and precision of the contract
// (a half-year's ISO form is its year; which half, the English label says).
function dateIn(language, t, iso, precision, englishLabel) {
  if (!t.months || !iso) return englishLabel;
  const [year, month, day] = iso.replace(/s$/, "").split("-").map(Number);
  const ordinal = language === "az" ? azerbaijaniOrdinal(year) : String(year);
  switch (precision) {
    case "day": return fill(t.dayDate, { day, month: t.months[month - 1], year });
    case "month": return fill(t.monthDate, { month: t.months[month - 1], year });
    case "half-year": return fill(/^first/.test(englishLabel) ? t.firstHalf : t.secondHalf, { year, ordinal });
    case "decade": return fill(t.decade, { year, ordinal });
    default: return String(year);
  }
}

// The reply's element: in the question's language, its direction from its own text (Urdu shows right to left). Its
// words in that language carry no dir of their own, since dir="auto" looks past those that do; the quotes and
// citations carry dir="ltr".
function reply(tag, attributes, answer, ...children) {
  return el(tag, { ...attributes, lang: answer.language || "en", dir: "auto" }, ...children);
}

// A quote or a citation: verbatim English, left to right whatever the reply around it.
function english(tag, attributes, ...children) {
  return el(tag, { ...attributes, lang: "en", dir: "ltr" }, ...children);
}

// --- Ask -------------------------------------------------------------------------------------------

// Not sure: the closest passages, each quoted and cited, with a button that says "this one answers it", and
// "None of these". A pick replaces them with that passage's answer; both are recorded as feedback.
function renderSuggestions(answer) {
  const t = textsFor(answer.language);
  const asked = el("p", { class: "meta", id: "answer-asked" }, fill(t.youAsked, { question: answer.question }));
  const status = el("p", { class: "meta", id: "pick-status", role: "status" });
  const buttons = [];
  const items = answer.suggestions.map((s, i) => {
    const pick = el("button", { type: "button", class: "pick", "data-passage": s.passageId, "aria-label": `${t.thisAnswersIt}: ${i + 1}` }, t.thisAnswersIt);
    buttons.push(pick);
    return el("li", { class: "suggestion" },
      english("blockquote", null, s.sentence),
      english("p", { class: "citation" }, s.citation),
      pick);
  });
  const none = el("button", { type: "button", class: "none", id: "none-of-these" }, t.noneOfThese);
  buttons.push(none);
  const card = reply("div", { class: "card suggested", id: "suggestions" }, answer, asked,
    el("p", { class: "short" }, t.notSure),
    el("ol", { class: "suggestions" }, ...items),
    el("p", { class: "choices" }, none),
    status);

  const choose = async (url, body, done) => {
    buttons.forEach((b) => { b.disabled = true; });
    status.textContent = t.sending;
    try {
      done(await postJson(url, { question: answer.question, replyId: answer.replyId, clientId: clientId(), ...body }));
    } catch (error) {
      status.textContent = error.message;
      buttons.forEach((b) => { b.disabled = false; });
    }
  };
  for (const pick of buttons.slice(0, -1)) {
    pick.addEventListener("click", () => choose("/api/pick", { passageId: pick.dataset.passage }, (picked) => {
      const shown = renderAnswer(picked);
      $("answer").replaceChildren(shown);
      shown.focus();
    }));
  }
  none.addEventListener("click", () => choose("/api/none-of-these", {}, () => {
    buttons.forEach((b) => b.remove());
    status.textContent = t.noneNoted;
  }));
  return card;
}

function renderAnswer(answer) {
  if (answer.outcome === "suggested" && answer.suggestions.length > 0) return renderSuggestions(answer);
  const t = textsFor(answer.language);
  const asked = el("p", { class: "meta", id: "answer-asked" }, fill(t.youAsked, { question: answer.question }));
  if (!answer.answered) {
    // The topics are the sources' own section names: English, as the quotes are.
    const topics = el("ul", null, ...answer.topics.map((topic) => english("li", null, topic)));
    return reply("div", { class: "card abstain", id: "abstention" }, answer, asked,
      el("p", { class: "short" }, t.cannotAnswerSentence),
      el("h2", null, t.topicsHeading), topics,
      el("p", null, fill(t.tryCommands, { timeline: "Timeline", sources: "Sources" })));
  }
  const cited = answer.citations[0];
  const date = answer.dateLabel ? dateIn(answer.language, t, answer.date, answer.precision, answer.dateLabel) : null;
  // A short answer that is the date is written as the date is; a name or a figure stays as the source has it.
  const short = answer.short && answer.short === answer.dateLabel ? date : answer.short;
  const card = reply("div", { class: "card", id: "answer-card", tabindex: "-1" }, answer, asked,
    short ? el("p", { class: "short", id: "answer-short" }, short) : null,
    english("blockquote", { id: "answer-quote" }, answer.answer),
    english("p", { class: "citation", id: "answer-citation" }, cited.citation),
    el("p", { class: "meta" },
      date ? el("span", { id: "answer-date", "data-date": answer.date }, `${t.eventDate}: ${date}`) : null,
      date ? " · " : null,
      answer.picked ? el("span", { id: "answer-picked" }, t.picked) : `${t.confidence} ${answer.confidence.toFixed(2)}`));
  if (answer.citations.length > 1) {
    card.append(el("p", { class: "meta also", id: "answer-also" }, `${t.alsoSays}: `,
      ...answer.citations.slice(1).map((c) => english("span", { class: "citation" }, c.citation))));
  }
  if (answer.conflicts && answer.conflicts.length > 0) {
    // Sources that differ: each one's short answer, its verbatim sentence and its citation.
    card.append(el("div", { class: "conflicts", id: "answer-conflicts" }, el("h2", null, t.sourcesDiffer),
      el("ul", null, ...answer.conflicts.map((c) => {
        const said = c.dateLabel && c.short === c.dateLabel ? dateIn(answer.language, t, c.date, c.precision, c.dateLabel) : c.short;
        return el("li", { class: "conflict" }, said ? el("strong", null, said) : null, said ? " " : null,
          english("q", null, c.sentence), " ", english("span", { class: "citation" }, c.citation.citation));
      }))));
  }
  if (answer.related.length > 0) {
    card.append(el("div", { class: "related" }, el("h2", null, t.related),
      el("ul", null, ...answer.related.map((r) => english("li", null, el("q", null, r.quote), " ", el("span", { class: "citation" }, r.citation))))));
  }
  return card;
}

async function ask(event) {
  event.preventDefault();
  const input = $("question");
  const question = input.value.trim();
  if (!question) { input.focus(); return; }
  const button = $("ask-button");
  button.disabled = true;
  $("answer").replaceChildren(el("p", { class: "meta" }, "Looking it up…"));
  try {
    // The browser's language decides the reply's only for a question too short to tell its own.
    const locale = typeof navigator.language === "string" && navigator.language.length <= 35 ? navigator.language : undefined;
    const [answer] = await Promise.all([postJson("/api/ask", { question, locale }), replyTextsLoaded]);
    $("answer").replaceChildren(renderAnswer(answer));
  } catch (error) {
    showError($("answer"), error.message);
  } finally {
    button.disabled = false;
  }
}

// --- Timeline --------------------------------------------------------------------------------------

async function showTimeline(event) {
  if (event) event.preventDefault();
  const query = new URLSearchParams();
  for (const name of ["from", "to", "topic"]) {
    const value = $(`timeline-${name}`).value.trim();
    if (value) query.set(name, value);
  }
  try {
    const [entries, picture] = await Promise.all([call(`/api/timeline?${query}`), timelinePicture(query)]);
    $("timeline").replaceChildren(entries.length === 0
      ? el("p", { class: "meta" }, "No dated statements match.")
      : el("div", null,
          picture,
          el("ol", { class: "timeline" }, ...entries.map((e, i) => el("li", { id: `timeline-entry-${i}`, tabindex: "-1" },
            el("span", { class: "when" }, e.label),
            e.differs ? el("span", { class: "differs", title: "the sources date this event differently" }, " (sources differ)") : null,
            " — ", el("q", null, e.quote), " ",
            el("span", { class: "citation" }, e.citation.citation))))));
  } catch (error) {
    showError($("timeline"), error.message);
  }
}

// The timeline as a picture above the list (the server draws it; each mark links to its list item). Parsed as SVG,
// never as HTML, so nothing in it runs. Without it, the list alone.
async function timelinePicture(query) {
  try {
    const response = await fetch(`/api/timeline.svg?${query}`);
    if (!response.ok) return null;
    const parsed = new DOMParser().parseFromString(await response.text(), "image/svg+xml");
    if (parsed.querySelector("parsererror") || parsed.documentElement.localName !== "svg") return null;
    const svg = document.importNode(parsed.documentElement, true);
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    // A mark's link moves the focus to its statement too, so the keyboard and a screen reader follow it there.
    svg.addEventListener("click", (event) => {
      const link = event.target.closest("a.mark");
      const target = link && document.getElementById((link.getAttribute("href") || "").slice(1));
      if (target) target.focus();
    });
    return el("figure", { class: "timeline-figure" }, svg);
  } catch {
    return null;
  }
}

// --- Sources ---------------------------------------------------------------------------------------

async function showSources() {
  try {
    const documents = await call("/api/sources");
    $("sources").replaceChildren(...documents.map((d) => el("div", { class: "card" },
      el("p", { class: "short" }, d.title),
      el("p", { class: "citation" }, `${d.publisher}, ${d.published} · ${d.paragraphs} paragraphs`),
      d.sections.length ? el("p", { class: "meta" }, `Sections: ${d.sections.join(", ")}`) : null,
      d.url ? el("p", { class: "meta" }, el("a", { href: d.url, rel: "noopener noreferrer" }, d.url)) : null)));
  } catch (error) {
    showError($("sources"), error.message);
  }
}

// --- Tabs (arrow keys move between them, as the ARIA tabs pattern describes) ------------------------

const tabs = ["ask", "timeline", "sources"];
const loaded = new Set();

function select(name, focus) {
  for (const tab of tabs) {
    const selected = tab === name;
    $(`tab-${tab}`).setAttribute("aria-selected", String(selected));
    $(`tab-${tab}`).tabIndex = selected ? 0 : -1;
    $(`view-${tab}`).hidden = !selected;
  }
  if (focus) $(`tab-${name}`).focus();
  if (!loaded.has(name)) {
    loaded.add(name);
    if (name === "timeline") showTimeline();
    if (name === "sources") showSources();
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("ask-form").addEventListener("submit", ask);
  $("timeline-form").addEventListener("submit", showTimeline);
  tabs.forEach((name, index) => {
    const tab = $(`tab-${name}`);
    tab.addEventListener("click", () => select(name, false));
    tab.addEventListener("keydown", (event) => {
      const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
      if (step) select(tabs[(index + step + tabs.length) % tabs.length], true);
    });
  });
});
