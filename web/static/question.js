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

  // Integrity events, as the coding pages send them: without them, time on a question would read as time away
  // from the screen, and a pasted written answer would go unnoticed.
  const eventsApi = `/api/candidate/${encodeURIComponent(root.dataset.token)}`;
  const post = (path, body, keepalive) => fetch(eventsApi + path, {method: "POST", credentials: "same-origin",
    keepalive, headers: {"Content-Type": "application/json", "X-CSRFToken": csrf}, body: JSON.stringify(body)});
  TechscreenScreenPage.reportIntegrity({root, problem: Number(root.dataset.question), post,
    isOpen: () => !readOnly, save});
  TechscreenScreenPage.runClock({readOnly, lockDown,
    timeUp: "Time is up: the screen is finished and nothing more can be changed."});
  TechscreenScreenPage.confirmFinish(save);
})();
