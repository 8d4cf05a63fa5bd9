// A question item in the candidate's workspace: autosave of the answer (as drafts are saved), the countdown and
// Finish. Talks only to /api/candidate/<token>/questions/<id>/answer; it learns nothing of the answer's score.
(function () {
  "use strict";
  const root = document.getElementById("question");
  if (!root) return;
  const $ = (id) => document.getElementById(id);
  const api = `/api/candidate/${encodeURIComponent(root.dataset.token)}/questions/${root.dataset.question}/answer`;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const form = $("answer-form");
  const SAVE_MS = 800;
  let readOnly = root.dataset.readOnly === "true", dirty = false, timer = null, saving = Promise.resolve();

  function answer() {
    if (root.dataset.format === "written") return {choices: [], text: $("answer-text").value};
    return {choices: Array.from(form.querySelectorAll('input[name="choice"]:checked'), (i) => Number(i.value)), text: ""};
  }
  function setState(text) { $("save-state").textContent = text; }
  function lockDown(message) {
    readOnly = true;
    form.querySelectorAll("input, textarea").forEach((field) => { field.disabled = true; });
    setState(message);
  }

  async function send() {
    if (!dirty || readOnly) return;
    dirty = false;
    let response, data = null;
    try {
      response = await fetch(api, {method: "POST", credentials: "same-origin", keepalive: true,
        headers: {"Content-Type": "application/json", "X-CSRFToken": csrf}, body: JSON.stringify(answer())});
      data = await response.json();
    } catch (error) { dirty = true; setState("not saved: the server could not be reached; retrying"); return; }
    if (response.ok) setState("saved " + new Date().toLocaleTimeString());
    else if (response.status === 409) lockDown(data.message);
    else { dirty = true; setState("not saved: " + ((data && data.message) || `HTTP ${response.status}`)); }
  }
  function save() { saving = saving.then(send); return saving; }
  function changed() {
    dirty = true; setState("unsaved changes");
    clearTimeout(timer); timer = setTimeout(save, SAVE_MS);
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", (e) => e.preventDefault());
  setInterval(() => { if (dirty) save(); }, 4000);
  document.addEventListener("visibilitychange", () => { if (document.hidden) save(); });
  window.addEventListener("pagehide", () => { if (dirty) send(); });  // keepalive: the request outlives the page
  // Leaving for another item: save first, so the answer is there when the candidate comes back.
  document.querySelectorAll("nav.problems a").forEach((link) => link.addEventListener("click", async (e) => {
    if (!dirty) return;
    e.preventDefault(); await save(); window.location = link.href;
  }));

  // Integrity events, as the coding pages send them (candidate.js): without them, time on a question would read
  // as time away from the screen, and a pasted written answer would go unnoticed.
  const pageId = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, "0")).join("");
  const eventsApi = `/api/candidate/${encodeURIComponent(root.dataset.token)}/events`;
  function event(kind, extra) {
    if (readOnly) return;
    fetch(eventsApi, {method: "POST", credentials: "same-origin", keepalive: true,
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf},
      body: JSON.stringify(Object.assign({kind, problem: Number(root.dataset.question), page: pageId}, extra || {}))})
      .catch(() => {});
  }
  root.addEventListener("paste", (e) => {
    const text = (e.clipboardData && e.clipboardData.getData("text")) || "";
    event("paste", {chars: text.length, lines: text.split("\n").length});
  }, true);
  window.addEventListener("blur", () => { save(); event("focus_lost"); });
  window.addEventListener("focus", () => event("focus_regained"));
  window.addEventListener("pageshow", () => event("page_opened", {focused: document.hasFocus()}));
  window.addEventListener("pagehide", () => event("page_left"));

  const clock = $("clock");
  const deadline = Date.now() + Number(clock.dataset.secondsLeft) * 1000;
  function tick() {
    if (readOnly && Number(clock.dataset.secondsLeft) === 0) { clock.textContent = "finished"; return; }
    const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    const h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
    clock.textContent = (h ? `${h}:` : "") + `${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")} left`;
    clock.classList.toggle("low", left < 300);
    if (left === 0) { lockDown("Time is up: the screen is finished and nothing more can be changed."); return; }
    setTimeout(tick, 1000);
  }
  tick();

  const finishForm = $("finish-form");
  if (finishForm) finishForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!confirm("Finish the screen? You will not be able to change your answers.")) return;
    await save();
    finishForm.submit();
  });
})();
