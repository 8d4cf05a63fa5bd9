// The candidate's workspace: editors, autosave, lint as you type, run/submit with live progress
// (a stream, or polling when the server refuses one), the countdown, and paste, focus and page events.
// Talks only to /api/candidate/<token>/...
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
  const AUTOSAVE_MS = 4000, LINT_MS = 600, POLL_MS = 2000;
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  // Every call to the server goes through here and never throws: a request that fails, or an answer that is
  // not a JSON object, comes back as {ok: false} with a message for the candidate, so no answer can leave
  // the page waiting.
  async function request(path, options) {
    let response;
    try {
      response = await fetch(api + path, Object.assign({credentials: "same-origin"}, options));
    } catch (error) {
      return {ok: false, status: 0, data: {message: "The server could not be reached. Check your connection and try again."}};
    }
    let data;
    try { data = await response.json(); } catch (error) { data = null; }
    if (data === null || typeof data !== "object") {
      return {ok: false, status: response.status,
        data: {message: `The server's answer could not be read (HTTP ${response.status}). Your code is saved; try again.`}};
    }
    return {ok: response.ok, status: response.status, data};
  }
  // keepalive: the request outlives the page (a page_left is sent as the page goes away). Not sendBeacon,
  // which cannot send the CSRF header.
  const post = (path, body, keepalive = false) => request(path, {method: "POST", keepalive,
    headers: {"Content-Type": "application/json", "X-CSRFToken": csrf}, body: JSON.stringify(body)});

  // A value as compact JSON for people, with the floats JSON cannot hold (the server sends them as
  // {"$float": "NaN" | "Infinity" | "-Infinity"}, server/json_out.py) written NaN, Infinity, -Infinity.
  // saveAfter: when the server refused an autosave as too frequent, no save before this time (ms).
  let dirty = false, lintTimer = null, saveAfter = 0;
  // An author's preview (/author/<id>/try): the editors only; no attempt, so nothing is saved, linted or sent.
  const preview = root.dataset.preview === "true";
  const code = TechscreenEditor.createEditor($("code-editor"), {
    doc: JSON.parse($("initial-code").textContent), readOnly, label: "Code", describedBy: "editor-keys",
    onChange: () => { if (preview) return; dirty = true; setSaveState("unsaved changes"); scheduleLint(); },
  });
  const notes = TechscreenEditor.createEditor($("notes-editor"), {
    doc: JSON.parse($("initial-notes").textContent), readOnly, language: "text", label: "Notes",
    describedBy: "editor-keys",
    onChange: () => { if (preview) return; dirty = true; setSaveState("unsaved changes"); },
  });
  if (preview) {
    const minutes = Math.round(Number($("clock").dataset.secondsLeft) / 60);
    $("clock").textContent = `${minutes} min (not running)`;
    return;
  }

  function setSaveState(text) { $("save-state").textContent = text; }
  function payload() { return {code: code.getValue(), notes: notes.getValue()}; }

  function lockDown(message) {
    readOnly = true;
    code.setReadOnly(true); notes.setReadOnly(true);
    $("run").disabled = true; $("submit").disabled = true;
    if ($("run-own")) $("run-own").disabled = true;
    if (message) showMessage(message, "error");
  }

  // Saves the latest text when it changed. A refused save keeps it unsaved (dirty), so a later save sends
  // whatever the editors hold then; when the server says "too often", saves wait the time it asks.
  async function save() {
    if (!dirty || readOnly || Date.now() < saveAfter) return;
    dirty = false;
    const result = await post(`/problems/${problem}/draft`, payload());
    if (result.ok) setSaveState("saved " + new Date().toLocaleTimeString());
    else if (result.status === 409) lockDown(result.data.message);
    else if (result.status === 429) {
      dirty = true;
      const seconds = Number(result.data.retry_after) || 5;
      saveAfter = Date.now() + seconds * 1000;
      setSaveState(`not saved yet (saving too often): trying again in ${seconds} s`);
    } else { dirty = true; setSaveState("not saved: " + result.data.message); }
  }

  // Before leaving the page: wait out a "too often" and save, a few times at most.
  async function saveBeforeLeaving() {
    for (let tries = 0; tries < 3 && dirty && !readOnly; tries++) {
      const wait = saveAfter - Date.now();
      if (wait > 0) { setSaveState(`saving your latest text in ${Math.ceil(wait / 1000)} s…`); await sleep(wait); }
      await save();
    }
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

  // A test name in a cell that may wrap after its underscores (never inside a word).
  function breakable(name) {
    const td = document.createElement("td");
    name.split(/(?<=_)/).forEach((part, i) => { if (i) td.appendChild(document.createElement("wbr")); td.append(part); });
    return td;
  }

  function cell(row, text, className) {
    const td = document.createElement("td");
    td.textContent = text;
    if (className) td.className = className;
    row.appendChild(td);
  }

  // What the code produced: its value, or "raised ValueError: ..." (after a class case's earlier returns).
  function actualText(t) {
    if ("actual_omitted_chars" in t) return `(${t.actual_omitted_chars} characters of JSON: too large to show)`;
    if (!t.raised) return t.text.actual;
    const raised = `raised ${t.raised.type}${t.raised.message ? ": " + t.raised.message : ""}`;
    return Array.isArray(t.actual) && t.actual.length ? `${t.text.actual}, then ${raised}` : raised;
  }

  function show(view) {
    const box = $("results");
    box.replaceChildren();
    const head = document.createElement("h3");
    head.className = "verdict " + (view.verdict || view.status);
    if (view.status === "error") head.textContent = view.error;
    else if (view.own_input) head.textContent = `Run on your input: ${view.verdict === "accepted" ? "ran" :
      (view.verdict || "").replace(/_/g, " ")}`;
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
    if (view.tests.length) box.appendChild(testTable(view.tests, view.own_input));  // public tests only, with their inputs
  }

  // The public tests: the call each makes, what was expected and what the code did (its value, or the
  // exception it raised), the verdict with the checker's reason, and below a test whatever the code printed.
  function testTable(tests, ownInput) {
    const scroll = document.createElement("div");
    scroll.className = "table-scroll";
    // A region the keyboard can reach, so a table wider than the pane can be scrolled without a mouse.
    Object.assign(scroll, {tabIndex: 0, role: "region"});
    scroll.setAttribute("aria-label", "Public test results");
    const table = document.createElement("table");
    table.className = "grid tests";
    const header = table.insertRow();
    ["Test", "Call", "Expected", "Actual", "Verdict"].forEach((h) => { const th = document.createElement("th"); th.textContent = h; header.appendChild(th); });
    tests.forEach((t) => {
      const row = table.insertRow();
      row.appendChild(breakable(t.name));
      cell(row, t.text.input, "mono");  // the server writes the call readably (arrays with dtype and shape)
      cell(row, t.input.raises ? `raises ${t.input.raises}` : (ownInput ? "—" : t.text.expected), "mono");
      cell(row, actualText(t), "mono" + (t.raised ? " raised" : ""));
      cell(row, ownInput && t.verdict === "accepted" ? "ran" : t.verdict.replace(/_/g, " "), "verdict " + t.verdict);
      if (t.message && t.verdict !== "accepted" && !actualText(t).endsWith(t.message)) {
        const why = document.createElement("div");  // a reason the columns do not already say
        why.className = "why";
        why.textContent = t.message;
        row.lastChild.appendChild(why);
      }
      if (t.stdout) {
        const printed = table.insertRow();
        printed.className = "printed";
        const td = document.createElement("td");
        td.colSpan = 5;
        const label = document.createElement("span");
        label.className = "muted";
        label.textContent = `${t.name} printed:`;
        const pre = document.createElement("pre");
        pre.textContent = t.stdout;
        td.append(label, pre);
        printed.appendChild(td);
      }
    });
    scroll.appendChild(table);
    return scroll;
  }

  // Follows a submission's progress on the server's event stream. The server ends a stream after a short
  // while (EventSource reconnects by itself) and refuses one over its caps (the EventSource closes):
  // then this polls the status address instead. An event or answer that cannot be read ends the wait
  // with a message, and Run and Submit usable again.
  function track(id) {
    const bar = $("progress");
    bar.hidden = false;
    let finished = false, testsShown = false;
    function end(render) {  // once: the result, or why there is none
      finished = true;
      events.close();
      bar.hidden = true;
      try { render(); } catch (error) { showMessage("The result could not be shown. Your code is saved; try again.", "error"); }
      setBusy(false);
    }
    const fail = (message) => { if (!finished) end(() => showMessage(message, "error")); };
    async function update(progress) {
      if (finished) return;
      bar.querySelector(".bar").style.width = `${Math.round(progress.fraction * 100)}%`;
      bar.querySelector(".label").textContent = progress.message;
      if (progress.phase === "complexity" && !testsShown) showTests();
      if (progress.phase !== "done" && progress.phase !== "error") return;
      finished = true;
      const result = await request(`/submissions/${id}`);
      end(result.ok ? () => show(result.data) : () => showMessage(result.data.message, "error"));
    }
    async function showTests() {  // a submit's tests have ended: their verdict now, the score when it is ready
      testsShown = true;
      const early = await request(`/submissions/${id}`);
      if (finished || !early.ok || !early.data.verdict) return;
      show(early.data);
      const note = document.createElement("p");
      note.id = "score-pending";
      note.textContent = "Measuring time complexity and scoring; the rest follows in a moment.";
      $("results").appendChild(note);
    }
    async function poll() {
      while (!finished) {
        const result = await request(`/submissions/${id}/status`);
        if (result.ok) await update(result.data);
        else fail(result.data.message);
        if (!finished) await sleep(POLL_MS);
      }
    }
    const events = new EventSource(`${api}/submissions/${id}/progress`);
    events.addEventListener("progress", (event) => {
      let progress = null;
      try { progress = JSON.parse(event.data); } catch (error) { /* read below as not an object */ }
      if (progress === null || typeof progress !== "object") { events.close(); poll(); return; }
      if (progress.phase === "done" || progress.phase === "error") events.close();
      update(progress);
    });
    events.onerror = () => {
      if (events.readyState === EventSource.CLOSED && !finished) poll();
    };
  }

  function setBusy(busy) {
    if (readOnly) return;
    $("run").disabled = busy; $("submit").disabled = busy;
    if ($("run-own")) $("run-own").disabled = busy;
  }

  // ownInput: a Run on the candidate's own input instead of the public tests.
  async function judge(kind, ownInput) {
    setBusy(true);
    await save();
    const body = ownInput === undefined ? payload() : Object.assign(payload(), {input: ownInput});
    const result = await post(`/problems/${problem}/${kind}`, body);
    if (result.ok && Number.isInteger(result.data.id)) {
      sessionStorage.setItem(`ts-pending-${token}-${problem}`, result.data.id);
      track(result.data.id);
    } else {
      setBusy(false);
      if (result.status === 409) lockDown(result.data.message);
      else if (result.status === 429) {
        const seconds = Number(result.data.retry_after) || 30;
        showMessage(`Runs and Submits are limited to a few a minute, and this minute's are used up. ` +
          `Try again in ${seconds} s; your code is saved.`, "error");
      } else showMessage(result.data.message || "The request failed. Your code is saved; try again.", "error");
    }
  }

  $("run").addEventListener("click", () => judge("run"));
  if ($("run-own")) $("run-own").addEventListener("click", () => judge("run", $("own-input-text").value));
  $("submit").addEventListener("click", () => judge("submit"));

  TechscreenScreenPage.reportIntegrity({root, problem, post, isOpen: () => !readOnly, save});
  document.addEventListener("visibilitychange", () => { if (document.hidden) save(); });
  setInterval(save, AUTOSAVE_MS);
  TechscreenScreenPage.runClock({readOnly, lockDown,
    timeUp: "Time is up: the screen is finished and nothing more can be submitted."});
  TechscreenScreenPage.confirmFinish(saveBeforeLeaving);

  const pending = sessionStorage.getItem(`ts-pending-${token}-${problem}`) || root.dataset.lastSubmission;
  if (/^\d+$/.test(pending || "")) { setBusy(true); track(pending); }
  if (!readOnly) scheduleLint();
})();
