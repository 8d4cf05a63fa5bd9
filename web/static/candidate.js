// The candidate's workspace: editors, autosave, lint as you type, run/submit with live progress,
// the countdown, and paste/focus events. Talks only to /api/candidate/<token>/...
(function () {
  "use strict";
  const root = document.getElementById("workspace");
  if (!root) return;
  const token = root.dataset.token;
  const problem = Number(root.dataset.problem);
  let readOnly = root.dataset.readOnly === "true";
  const api = `/api/candidate/${encodeURIComponent(token)}`;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const $ = (id) => document.getElementById(id);
  const AUTOSAVE_MS = 4000, LINT_MS = 600;

  async function post(path, body) {
    const response = await fetch(api + path, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf},
      body: JSON.stringify(body),
    });
    let data = {};
    try { data = await response.json(); } catch (error) { data = {message: `HTTP ${response.status}`}; }
    return {ok: response.ok, status: response.status, data};
  }

  let dirty = false, lintTimer = null;
  const code = TechscreenEditor.createEditor($("code-editor"), {
    doc: JSON.parse($("initial-code").textContent), readOnly,
    onChange: () => { dirty = true; setSaveState("unsaved changes"); scheduleLint(); },
  });
  const notes = TechscreenEditor.createEditor($("notes-editor"), {
    doc: JSON.parse($("initial-notes").textContent), readOnly, language: "text",
    onChange: () => { dirty = true; setSaveState("unsaved changes"); },
  });

  function setSaveState(text) { $("save-state").textContent = text; }
  function payload() { return {code: code.getValue(), notes: notes.getValue()}; }

  function lockDown(message) {
    readOnly = true;
    code.setReadOnly(true); notes.setReadOnly(true);
    $("run").disabled = true; $("submit").disabled = true;
    if (message) showMessage(message, "error");
  }

  async function save() {
    if (!dirty || readOnly) return;
    dirty = false;
    const result = await post(`/problems/${problem}/draft`, payload());
    if (result.ok) setSaveState("saved " + new Date().toLocaleTimeString());
    else if (result.status === 409) lockDown(result.data.message);
    else { dirty = true; setSaveState("not saved: " + result.data.message); }
  }

  function scheduleLint() {
    clearTimeout(lintTimer);
    lintTimer = setTimeout(async () => {
      const result = await post(`/problems/${problem}/lint`, {code: code.getValue()});
      if (!result.ok) return;
      const list = $("policy");
      list.replaceChildren(...result.data.violations.map((v) => {
        const item = document.createElement("li");
        item.textContent = `Line ${v.line}, column ${v.column}: ${v.message}`;
        return item;
      }));
      code.setDiagnostics(result.data.violations.map((v) => ({line: v.line, column: Math.max(0, v.column - 1),
        message: v.message, severity: "error"})));
    }, LINT_MS);
  }

  function showMessage(text, kind) {
    const p = document.createElement("p");
    p.className = "flash " + (kind || "");
    p.textContent = text;
    $("results").replaceChildren(p);
  }

  function cell(row, text, className) {
    const td = document.createElement("td");
    td.textContent = text;
    if (className) td.className = className;
    row.appendChild(td);
  }

  function show(view) {
    const box = $("results");
    box.replaceChildren();
    const head = document.createElement("h3");
    head.className = "verdict " + (view.verdict || view.status);
    if (view.status === "error") head.textContent = view.error;
    else head.textContent = `${view.kind === "run" ? "Run" : "Submission"}: ${(view.verdict || "").replace(/_/g, " ")}` +
      ` (${view.passed}/${view.total} tests passed)`;
    head.id = "verdict";
    box.appendChild(head);
    if (view.policy && view.policy.length) {
      const list = document.createElement("ul");
      view.policy.forEach((v) => { const li = document.createElement("li"); li.textContent = `Line ${v.line}: ${v.message}`; list.appendChild(li); });
      box.appendChild(list);
    }
    if (view.score) {  // only where the screen shows candidates their score: the total, never a band or reasons
      const p = document.createElement("p");
      p.id = "score";
      p.textContent = `Score ${view.score.total.toFixed(1)} / 100.`;
      box.appendChild(p);
    }
    if (view.kind === "submit") {
      // Hidden tests come as counts only (per group): never a row, verdict or time per hidden test.
      const p = document.createElement("p");
      p.id = "hidden-counts";
      const groups = Object.entries(view.hidden.groups).map(([group, c]) => `${group} ${c.passed} of ${c.total}`);
      p.textContent = `Hidden tests: ${view.hidden.passed} of ${view.hidden.total} passed` +
        (groups.length ? ` (${groups.join(", ")}).` : ".");
      box.appendChild(p);
    }
    if (view.tests.length) {  // public tests only, with their inputs
      const table = document.createElement("table");
      table.className = "grid tests";
      const header = table.insertRow();
      ["Test", "Input", "Expected", "Actual", "Verdict"].forEach((h) => { const th = document.createElement("th"); th.textContent = h; header.appendChild(th); });
      view.tests.forEach((t) => {
        const row = table.insertRow();
        const input = Object.assign({}, t.input); delete input.expected; delete input.raises;
        cell(row, t.name);
        cell(row, JSON.stringify(input), "mono");
        cell(row, t.input.raises ? `raises ${t.input.raises}` : JSON.stringify(t.input.expected), "mono");
        const actual = "actual_omitted_chars" in t ? `(${t.actual_omitted_chars} characters of JSON: too large to show)` : JSON.stringify(t.actual);
        cell(row, t.message && t.verdict !== "accepted" ? `${actual} (${t.message})` : actual, "mono");
        cell(row, t.verdict.replace(/_/g, " "), "verdict " + t.verdict);
      });
      box.appendChild(table);
    }
  }

  function track(id) {
    const bar = $("progress");
    bar.hidden = false;
    const events = new EventSource(`${api}/submissions/${id}/progress`);
    events.addEventListener("progress", async (event) => {
      const progress = JSON.parse(event.data);
      bar.querySelector(".bar").style.width = `${Math.round(progress.fraction * 100)}%`;
      bar.querySelector(".label").textContent = progress.message;
      bar.classList.toggle("delayed", progress.phase === "delayed");
      if (progress.phase === "done" || progress.phase === "error") {
        events.close();
        const response = await fetch(`${api}/submissions/${id}`, {credentials: "same-origin"});
        show(await response.json());
        bar.hidden = true;
        setBusy(false);
      }
    });
    events.onerror = () => { bar.querySelector(".label").textContent = "reconnecting…"; };
  }

  function setBusy(busy) {
    if (readOnly) return;
    $("run").disabled = busy; $("submit").disabled = busy;
  }

  async function judge(kind) {
    setBusy(true);
    await save();
    const result = await post(`/problems/${problem}/${kind}`, payload());
    if (result.ok) { sessionStorage.setItem(`ts-pending-${token}-${problem}`, result.data.id); track(result.data.id); }
    else {
      setBusy(false);
      if (result.status === 409) lockDown(result.data.message);
      else showMessage(result.data.message || `HTTP ${result.status}`, "error");
    }
  }

  $("run").addEventListener("click", () => judge("run"));
  $("submit").addEventListener("click", () => judge("submit"));

  function event(kind, extra) {
    if (readOnly) return;
    post("/events", Object.assign({kind, problem}, extra || {}));
  }
  root.addEventListener("paste", (e) => {
    const text = (e.clipboardData && e.clipboardData.getData("text")) || "";
    event("paste", {chars: text.length, lines: text.split("\n").length});
  }, true);
  window.addEventListener("blur", () => { save(); event("focus_lost"); });
  window.addEventListener("focus", () => event("focus_regained"));
  document.addEventListener("visibilitychange", () => { if (document.hidden) save(); });
  setInterval(save, AUTOSAVE_MS);

  const clock = $("clock");
  const deadline = Date.now() + Number(clock.dataset.secondsLeft) * 1000;
  function tick() {
    if (readOnly && Number(clock.dataset.secondsLeft) === 0) { clock.textContent = "finished"; return; }
    const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    const h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
    clock.textContent = (h ? `${h}:` : "") + `${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")} left`;
    clock.classList.toggle("low", left < 300);
    if (left === 0) { lockDown("Time is up: the screen is finished and nothing more can be submitted."); return; }
    setTimeout(tick, 1000);
  }
  tick();

  const finishForm = $("finish-form");
  if (finishForm) finishForm.addEventListener("submit", async (e) => {
    if (!confirm("Finish the screen? You will not be able to change your answers.")) { e.preventDefault(); return; }
    await save();
  });

  const pending = sessionStorage.getItem(`ts-pending-${token}-${problem}`) || root.dataset.lastSubmission;
  if (pending) { setBusy(true); track(pending); }
  if (!readOnly) scheduleLint();
})();
