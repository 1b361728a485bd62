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

// --- Ask -------------------------------------------------------------------------------------------

// Not sure: the closest passages, each quoted and cited, with a button that says "this one answers it", and
// "None of these". A pick replaces them with that passage's answer; both are recorded as feedback.
function renderSuggestions(answer) {
  const asked = el("p", { class: "meta", id: "answer-asked" }, `You asked: ${answer.question}`);
  const status = el("p", { class: "meta", id: "pick-status", role: "status" });
  const buttons = [];
  const items = answer.suggestions.map((s, i) => {
    const pick = el("button", { type: "button", class: "pick", "data-passage": s.passageId, "aria-label": `This answers it: passage ${i + 1}` }, "This answers it");
    buttons.push(pick);
    return el("li", { class: "suggestion" },
      el("blockquote", null, s.sentence),
      el("p", { class: "citation" }, s.citation),
      pick);
  });
  const none = el("button", { type: "button", class: "none", id: "none-of-these" }, "None of these");
  buttons.push(none);
  const card = el("div", { class: "card suggested", id: "suggestions" }, asked,
    el("p", { class: "short" }, "I'm not sure — the closest passages in my sources:"),
    el("ol", { class: "suggestions" }, ...items),
    el("p", { class: "choices" }, none),
    status);

  const choose = async (url, body, done) => {
    buttons.forEach((b) => { b.disabled = true; });
    status.textContent = "Sending…";
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
    status.textContent = "Thanks — noted that none of these answers your question. A moderator will look at it.";
  }));
  return card;
}

function renderAnswer(answer) {
  if (answer.outcome === "suggested" && answer.suggestions.length > 0) return renderSuggestions(answer);
  const asked = el("p", { class: "meta", id: "answer-asked" }, `You asked: ${answer.question}`);
  if (!answer.answered) {
    const topics = el("ul", null, ...answer.topics.map((t) => el("li", null, t)));
    return el("div", { class: "card abstain", id: "abstention" }, asked,
      el("p", { class: "short" }, "I can't answer that from my sources."),
      el("h2", null, "They cover"), topics,
      el("p", null, "Try the Timeline for dated events, or the Sources to see what I have read."));
  }
  const cited = answer.citations[0];
  const card = el("div", { class: "card", id: "answer-card", tabindex: "-1" }, asked,
    answer.short ? el("p", { class: "short", id: "answer-short" }, answer.short) : null,
    el("blockquote", { id: "answer-quote" }, answer.answer),
    el("p", { class: "citation", id: "answer-citation" }, cited.citation),
    el("p", { class: "meta" },
      answer.dateLabel ? el("span", { id: "answer-date", "data-date": answer.date }, `Event date: ${answer.dateLabel}`) : null,
      answer.dateLabel ? " · " : null,
      answer.picked ? el("span", { id: "answer-picked" }, "You picked this passage from the closest ones") : `Confidence ${answer.confidence.toFixed(2)}`));
  if (answer.related.length > 0) {
    card.append(el("div", { class: "related" }, el("h2", null, "Related"),
      el("ul", null, ...answer.related.map((r) => el("li", null, el("q", null, r.quote), " ", el("span", { class: "citation" }, r.citation))))));
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
    const answer = await postJson("/api/ask", { question });
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
    const entries = await call(`/api/timeline?${query}`);
    $("timeline").replaceChildren(entries.length === 0
      ? el("p", { class: "meta" }, "No dated statements match.")
      : el("ol", { class: "timeline" }, ...entries.map((e) => el("li", null,
          el("span", { class: "when" }, e.label), " — ", el("q", null, e.quote), " ",
          el("span", { class: "citation" }, e.citation.citation)))));
  } catch (error) {
    showError($("timeline"), error.message);
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
