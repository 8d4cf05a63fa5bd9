// The authoring page: one in-memory copy of the package's files, edited by CodeMirror editors, the
// test-case tables and the submissions list; Save sends it all, Validate polls the check's progress.
(function () {
  "use strict";
  const root = document.getElementById("authoring");
  if (!root) return;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const $ = (id) => document.getElementById(id);
  const files = JSON.parse($("initial-files").textContent);
  const editors = {};  // file -> [editor, ...] (the raw JSON editors share their file with a table)
  const INPUT_KEYS = {function: ["args", "kwargs"], class: ["init", "calls"], stdio: ["stdin"]};
  const GROUPS = {"tests/public.json": ["", "example"], "tests/hidden.json": ["", "correctness", "performance"]};
  let dirty = false, validation = root.dataset.validation, state = root.dataset.state, pollTimer = null;
  const canPublish = () => !dirty && validation === "passed" && state !== "published";

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([key, value]) => {
      if (key === "text") node.textContent = value; else if (key === "className") node.className = value;
      else node.setAttribute(key, value);
    });
    node.append(...children);
    return node;
  }

  // A string body is JSON text already (test cases, written with their numbers as they are).
  async function call(url, method, body) {
    const response = await fetch(url, {method, credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf},
      body: body === undefined || typeof body === "string" ? body : JSON.stringify(body)});
    let data = {};
    try { data = await response.json(); } catch (error) { data = {message: `HTTP ${response.status}`}; }
    return {ok: response.ok, status: response.status, data};
  }

  function debounce(fn, ms) {
    let timer = null;
    return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
  }

  function markDirty() {
    dirty = true;
    $("save-state").textContent = "unsaved changes";
    $("publish").disabled = true;
  }

  function changed(file, text, source) {
    files[file] = text;
    markDirty();
    (editors[file] || []).forEach((editor) => { if (editor !== source && editor.getValue() !== text) editor.setValue(text); });
    if (file === "statement.md" || file === "problem.toml") schedulePreview();
    if (file === "problem.toml" && source) scheduleSettings();
  }

  // Editors bound to one file each.
  document.querySelectorAll(".editor[data-file]").forEach((parent) => {
    const file = parent.dataset.file;
    let editor = null;
    editor = TechscreenEditor.createEditor(parent, {doc: files[file] || "", language: parent.dataset.language, label: file,
      onChange: (text) => { if (files[file] !== text) changed(file, text, editor); }});
    (editors[file] = editors[file] || []).push(editor);
  });

  // Tabs.
  $("tabs").addEventListener("click", (event) => {
    const tab = event.target.dataset.tab;
    if (!tab) return;
    $("tabs").querySelectorAll("button").forEach((b) => b.classList.toggle("current", b.dataset.tab === tab));
    document.querySelectorAll("section.tab").forEach((s) => { s.hidden = s.dataset.tab !== tab; });
    if (tab === "tests") document.querySelectorAll(".case-file").forEach((box) => renderTable(box));
    if (tab === "settings") loadSettings();
  });

  // Markdown preview, rendered (and sanitised) by the server, with the allowed imports from problem.toml.
  const schedulePreview = debounce(async () => {
    const result = await call(root.dataset.previewUrl, "POST",
      {markdown: files["statement.md"] || "", toml: files["problem.toml"] || ""});
    if (result.ok) $("preview").innerHTML = result.data.html;
  }, 350);
  schedulePreview();

  // Format errors: the list above the tabs and markers in each file's editor.
  function showIssues(issues) {
    const box = $("issues");
    box.hidden = issues.length === 0;
    box.querySelector("ul").replaceChildren(...issues.map((issue) => el("li", {className: issue.severity,
      text: `${issue.file}${issue.line ? ":" + issue.line : ""}: ${issue.severity}: ${issue.message}`})));
    Object.entries(editors).forEach(([file, list]) => list.forEach((editor) => editor.setDiagnostics(
      issues.filter((issue) => issue.file === file && issue.line).map((issue) => ({line: issue.line,
        message: issue.message, severity: issue.severity === "warning" ? "warning" : "error"})))));
  }
  showIssues(JSON.parse($("initial-issues").textContent));

  function setBadge(id, prefix, value, labels) {
    const badge = $(id);
    badge.textContent = prefix + (labels ? labels[value] : value);
    badge.className = `badge ${id === "state" ? "state" : "validation"}-${value.replace(/ /g, "-")}`;
  }
  const STATES = {draft: "draft", published: "published", changed: "published, unpublished changes"};

  async function save() {
    $("save-state").textContent = "saving…";
    const result = await call(root.dataset.saveUrl, "POST", {files});
    if (!result.ok) { $("save-state").textContent = "not saved: " + result.data.message; return false; }
    dirty = false;
    const errors = result.data.issues.filter((issue) => issue.severity === "error").length;
    $("save-state").textContent = `saved ${new Date().toLocaleTimeString()}` +
      (errors ? `, ${errors} format error${errors === 1 ? "" : "s"}` : "");
    showIssues(result.data.issues);
    state = result.data.state;
    setBadge("state", "", state, STATES);
    validation = result.data.validation;
    setBadge("validation", "validation: ", validation);
    $("publish").disabled = !canPublish();
    return true;
  }
  $("save").addEventListener("click", save);
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === "s") { event.preventDefault(); save(); }
  });
  window.addEventListener("beforeunload", (event) => { if (dirty) { event.preventDefault(); event.returnValue = ""; } });
  $("publish-form").addEventListener("submit", (event) => { if (dirty) { event.preventDefault(); save(); } });

  // The structured settings form and the narration rubric: read from problem.toml, applied to it
  // in place by the server (which checks every field and names the rubric point by its row).
  const settingsForm = $("settings-form");
  const rubricBox = $("rubric-points");
  function pointEditor(point) {
    const field = (key, label, tag) => {
      const input = el(tag, {"data-key": key});
      input.value = point[key] || "";
      return el("label", {className: `point-${key}`}, label, input);
    };
    const remove = el("button", {type: "button", className: "remove-point", text: "Remove"});
    const box = el("fieldset", {className: "rubric-point"}, field("id", "Id", "input"), field("weight", "Weight", "input"),
      field("description", "Description", "input"), field("phrases", "Phrases (one per line)", "textarea"), remove);
    remove.addEventListener("click", () => box.remove());
    return box;
  }
  const typedRubric = () => [...rubricBox.querySelectorAll(".rubric-point")].map((box) =>
    Object.fromEntries([...box.querySelectorAll("[data-key]")].map((input) => [input.dataset.key, input.value])));
  $("add-point").addEventListener("click", () => {
    const box = pointEditor({weight: "1"});
    rubricBox.append(box);
    box.querySelector("input").focus();
  });
  async function loadSettings(values, rubric) {
    const result = await call(settingsForm.dataset.url, "POST", {toml: files["problem.toml"] || "", values, rubric});
    const error = $("settings-error");
    error.hidden = result.ok;
    if (!result.ok) { error.textContent = result.data.message; return; }
    if (values) changed("problem.toml", result.data.toml, null);
    if (!result.data.values) { error.hidden = false; error.textContent = "problem.toml is not valid TOML: fix it in the editor."; return; }
    Object.entries(result.data.values).forEach(([name, value]) => { settingsForm.elements[name].value = value; });
    rubricBox.replaceChildren(...result.data.rubric.map(pointEditor));
  }
  const scheduleSettings = debounce(() => loadSettings(), 500);
  settingsForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const values = {};
    [...settingsForm.elements].filter((e) => e.name).forEach((e) => { values[e.name] = e.value; });
    loadSettings(values, typedRubric());
  });

  // Test cases as tables, one row per case, kept in step with the raw JSON.
  function problemKind() {
    const match = /^\s*kind\s*=\s*"(\w+)"/m.exec(files["problem.toml"] || "");
    return match && INPUT_KEYS[match[1]] ? match[1] : "function";
  }
  function columns() { return ["name", ...INPUT_KEYS[problemKind()], "generate", "expected", "raises", "weight", "group"]; }
  const JSON_KEYS = new Set(["args", "kwargs", "init", "calls", "stdin", "generate", "expected"]);

  // One case per line, spaced like Python's json.dumps (the layout the server's scaffold writes). Cases are
  // read with JsonText, so NaN and typed arrays' numbers (int64 beyond 2**53, 1.0) come back as written.
  const oneLine = JsonText.oneLine;
  function caseFile(cases) { return "[\n" + cases.map((c) => "  " + oneLine(c)).join(",\n") + "\n]\n"; }

  function renderTable(box) {
    const file = box.dataset.file;
    const general = box.querySelector(".case-general");
    let cases;
    try { cases = JsonText.parse(files[file] || "[]"); } catch (error) { cases = null; }
    if (!Array.isArray(cases)) {
      general.hidden = false;
      general.textContent = "The raw JSON is not an array of cases: fix it in the Raw JSON view to use the table.";
      box.querySelector(".case-table-wrap").hidden = true;
      return;
    }
    box.querySelector(".case-table-wrap").hidden = box.dataset.view === "raw";
    box.cases = cases;
    const keys = columns();
    box.querySelector("thead").replaceChildren(el("tr", {}, ...keys.map((k) => el("th", {text: k})),
      el("th", {text: "problems"}), el("th", {})));
    box.querySelector("tbody").replaceChildren(...cases.map((item, index) => caseRow(box, item, index, keys)));
    validateCases(box);
  }

  function caseRow(box, item, index, keys) {
    const row = el("tr", {"data-index": index});
    keys.forEach((key) => {
      let input;
      if (key === "group") {
        input = el("select", {}, ...GROUPS[box.dataset.file].map((g) => el("option", {value: g, text: g || "(default)"})));
        input.value = item.group || "";
      } else {
        const present = Object.prototype.hasOwnProperty.call(item, key);
        const value = !present ? "" : JSON_KEYS.has(key) ? oneLine(item[key]) : String(item[key]);
        input = el("input", {value, "data-key": key, placeholder: key === "weight" ? "1" : ""});
      }
      input.dataset.key = key;
      input.setAttribute("aria-label", `${key}, case ${index + 1}`);
      input.addEventListener("input", () => cellChanged(box, row, index));
      input.addEventListener("change", () => cellChanged(box, row, index));
      row.append(el("td", {className: `key-${key}`}, input));
    });
    row.append(el("td", {className: "row-problems"}));
    const remove = el("button", {text: "Delete", title: "Delete this case", "aria-label": `Delete case ${index + 1}`});
    remove.addEventListener("click", () => { box.cases.splice(index, 1); writeCases(box); renderTable(box); });
    row.append(el("td", {}, remove));
    return row;
  }

  // Why a cell is not JSON, and what it would take: most often text without its double quotes.
  function jsonProblem(key, text, error) {
    const quoted = /^[A-Za-z_][\w .-]*$/.test(text) ? ` Text needs double quotes: ${JSON.stringify(text)}.` : "";
    return `${key}: not JSON (${error.message}).${quoted} Write numbers, "text", [lists], {"objects"}, true, false, null.`;
  }

  function cellChanged(box, row, index) {
    const item = {...box.cases[index]};
    const local = [];
    row.querySelectorAll("[data-key]").forEach((input) => {
      const key = input.dataset.key, text = input.value.trim();
      let problem = "";
      if (text === "") delete item[key];
      else if (JSON_KEYS.has(key)) {
        try { item[key] = JsonText.parse(text); } catch (error) { problem = jsonProblem(key, text, error); }
      } else if (key === "weight") {
        const number = Number(text);
        if (Number.isFinite(number)) item[key] = number; else problem = `weight: ${JSON.stringify(text)} is not a number`;
      } else item[key] = text;
      if (problem) local.push(problem);
      input.classList.toggle("invalid", problem !== "");  // the cell at fault, not only its row
      if (problem) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
    });
    row.localProblems = local;
    box.cases[index] = item;
    writeCases(box);
  }

  function writeCases(box) {
    changed(box.dataset.file, caseFile(box.cases), null);
    validateCases(box);
  }

  const validateCases = (() => {
    const timers = new Map();
    return (box) => {
      clearTimeout(timers.get(box));
      timers.set(box, setTimeout(async () => {
        const context = {"problem.toml": files["problem.toml"], "generator.py": files["generator.py"]};
        const result = await call(root.dataset.casesUrl, "POST", `{"file": ${JSON.stringify(box.dataset.file)}, ` +
          `"cases": ${oneLine(box.cases)}, "files": ${JSON.stringify(context)}}`);
        if (!result.ok) return;
        const general = box.querySelector(".case-general");
        general.hidden = result.data.general.length === 0;
        general.textContent = result.data.general.join("; ");
        box.querySelectorAll("tbody tr").forEach((row) => {
          const messages = [...(row.localProblems || []), ...(result.data.rows[row.dataset.index] || [])];
          row.classList.toggle("invalid", messages.length > 0);
          row.querySelector(".row-problems").replaceChildren(...messages.map((m) => el("div", {text: m})));
        });
      }, 300));
    };
  })();

  document.querySelectorAll(".case-file").forEach((box) => {
    box.dataset.view = "table";
    box.querySelector(".add-case").addEventListener("click", () => {
      const taken = new Set((box.cases || []).map((c) => c.name));
      let number = (box.cases || []).length + 1;
      while (taken.has(`case-${number}`)) number += 1;
      const fresh = {name: `case-${number}`};
      if (box.dataset.file === "tests/hidden.json") fresh.group = "correctness";
      box.cases = [...(box.cases || []), fresh];
      writeCases(box);
      renderTable(box);
    });
    box.querySelector(".view-switch").addEventListener("click", (event) => {
      const view = event.target.dataset.view;
      if (!view) return;
      box.dataset.view = view;
      box.querySelectorAll(".view-switch button").forEach((b) => b.classList.toggle("current", b.dataset.view === view));
      box.querySelector('.editor[data-view="raw"]').hidden = view !== "raw";
      if (view === "table") renderTable(box); else box.querySelector(".case-table-wrap").hidden = true;
    });
    renderTable(box);
  });

  // Known submissions: files under submissions/<folder>/.
  let currentSubmission = null;
  const submissionEditor = TechscreenEditor.createEditor($("submission-editor"), {doc: "", readOnly: true,
    label: "Known submission", describedBy: "submission-title",
    onChange: (text) => { if (currentSubmission && files[currentSubmission] !== text) changed(currentSubmission, text, submissionEditor); }});

  function renderSubmissions() {
    const names = Object.keys(files).filter((f) => f.startsWith("submissions/")).sort();
    $("submission-list").querySelector("tbody").replaceChildren(...names.map((name) => {
      const open = el("a", {href: "#", text: name.slice("submissions/".length)});
      open.addEventListener("click", (event) => { event.preventDefault(); openSubmission(name); });
      const remove = el("button", {text: "Delete"});
      remove.addEventListener("click", () => {
        if (!confirm(`Delete ${name}?`)) return;
        delete files[name];
        markDirty();
        if (currentSubmission === name) openSubmission(null);
        renderSubmissions();
      });
      return el("tr", {className: name === currentSubmission ? "current" : ""}, el("td", {}, open), el("td", {}, remove));
    }));
  }
  function openSubmission(name) {
    currentSubmission = name;
    $("submission-title").textContent = name || "Choose or add a submission";
    submissionEditor.setValue(name ? files[name] : "");
    submissionEditor.setReadOnly(!name);
    renderSubmissions();
  }
  $("add-submission").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = event.target;
    const name = `submissions/${form.folder.value}/${form.name.value.trim()}`;
    if (files[name] !== undefined) { openSubmission(name); return; }
    changed(name, files["starter.py"] || "", null);
    form.name.value = "";
    openSubmission(name);
  });
  renderSubmissions();

  // Validate: save, start the check, poll its progress, show the report.
  function renderReport(report) {
    const box = $("report");
    if (!report) return;
    const issueList = (title, items, className) => items.length === 0 ? [] : [el("h3", {text: `${title} (${items.length})`}),
      el("ul", {className}, ...items.map((i) => el("li", {text: `${i.file}${i.line ? ":" + i.line : ""}: ${i.message}`})))];
    const reference = report.submissions.find((s) => s.name === "solution.py");
    const rows = report.submissions.map((s) => el("tr", {className: s.ok ? "ok" : "bad"},
      el("td", {className: "mono", text: s.name === "solution.py" ? "solution.py (reference)" : "submissions/" + s.name}),
      el("td", {text: s.expected}), el("td", {text: s.got}), el("td", {text: `${s.passed}/${s.total}`}),
      el("td", {text: s.ok ? "ok" : "WRONG"}), el("td", {text: s.complexity || ""}),
      el("td", {}, ...s.problems.map((p) => el("div", {text: p})))));
    box.replaceChildren(
      el("h2", {className: report.ok ? "verdict accepted" : "verdict wrong_answer",
        text: report.ok ? "Validation passed" : "Validation failed"}),
      ...(reference && reference.complexity ? [el("p", {text: `Reference complexity: ${reference.complexity}`})] : []),
      ...issueList("Errors", report.errors, "errors"), ...issueList("Warnings", report.warnings, "warnings"),
      ...(rows.length ? [el("h3", {text: "Reference and known submissions"}), el("table", {className: "grid"},
        el("thead", {}, el("tr", {}, ...["file", "expected", "got", "passed", "", "complexity", "problems"].map((h) => el("th", {text: h})))),
        el("tbody", {}, ...rows))] : []));
  }
  renderReport(JSON.parse($("initial-report").textContent));

  function showProgress(progress) {
    const bar = $("validate-progress");
    bar.hidden = !progress || progress.status !== "running";
    if (!progress) return;
    bar.querySelector(".bar").style.width = `${Math.round(progress.fraction * 100)}%`;
    bar.querySelector(".label").textContent = progress.phase === "delayed" ? progress.message
      : `Validating: ${progress.phase} (${Math.round(progress.fraction * 100)}%)`;
  }

  async function poll() {
    const result = await call(root.dataset.validateUrl, "GET");
    if (!result.ok) return;
    const progress = result.data.progress;
    showProgress(progress);
    if (progress && progress.status === "running") { pollTimer = setTimeout(poll, 700); return; }
    $("validate").disabled = false;
    if (progress && progress.status === "error") {
      $("report").replaceChildren(el("p", {className: "flash error", text: progress.message}));
      return;
    }
    renderReport(result.data.report);
    validation = result.data.validation;
    setBadge("validation", "validation: ", validation);
    $("publish").disabled = !canPublish();
  }

  $("validate").addEventListener("click", async () => {
    if (dirty && !(await save())) return;
    $("validate").disabled = true;
    $("tabs").querySelector('[data-tab="report"]').click();
    $("report").replaceChildren(el("p", {className: "muted", text: "Running problem check in the sandbox…"}));
    const result = await call(root.dataset.validateUrl, "POST", {});
    if (!result.ok) { $("validate").disabled = false; $("report").replaceChildren(el("p", {className: "flash error", text: result.data.message})); return; }
    showProgress(result.data.progress);
    clearTimeout(pollTimer);
    poll();
  });
  poll();
})();
