// Playback of a candidate's drafts: a slider over the snapshots (or Play, at a chosen speed), the events marked on
// the timeline, and a diff between any two snapshots (computed by the server, /review/.../diff).
(function () {
  "use strict";
  const root = document.getElementById("playback");
  if (!root) return;
  const data = JSON.parse(document.getElementById("playback-data").textContent);
  const snapshots = data.snapshots;
  const scrubber = document.getElementById("scrubber");
  const code = document.getElementById("snapshot-code");
  const notes = document.getElementById("snapshot-notes");
  const label = document.getElementById("snapshot-label");
  const stops = snapshots.map((s) => Date.parse(s.at));

  function clock(iso) {
    return new Date(iso).toISOString().slice(11, 19);
  }

  function describe(snapshot) {
    const kind = snapshot.source === "draft" ? "autosaved draft" : `${snapshot.source} #${snapshot.submission_id}`;
    return `Snapshot ${snapshot.index + 1} of ${snapshots.length}: ${kind} at ${clock(snapshot.at)} UTC`;
  }

  function show(index) {
    const snapshot = snapshots[index];
    code.textContent = snapshot.code;
    notes.textContent = snapshot.notes || "(no notes)";
    label.textContent = describe(snapshot);
  }

  // Snapshot i sits where the slider stops at i; an event between two snapshots sits between
  // their stops, in proportion to its time, so every mark lines up with the slider.
  function position(time) {
    const last = stops.length - 1;
    if (last === 0 || time <= stops[0]) return 0;
    if (time >= stops[last]) return 1;
    const next = stops.findIndex((stop) => stop >= time);
    const gap = Math.max(1, stops[next] - stops[next - 1]);
    return (next - 1 + (time - stops[next - 1]) / gap) / last;
  }

  function place(element, iso) {
    const at = position(Date.parse(iso));
    element.style.left = `${100 * at}%`;
    return at;
  }

  // Events close together (a submit and the focus loss it caused) stack in rows instead of hiding each other.
  const rows = [];
  function stack(element, at) {
    let row = rows.findIndex((taken) => taken.every((other) => Math.abs(other - at) > 0.012));
    if (row === -1) { rows.push([]); row = rows.length - 1; }
    rows[row].push(at);
    element.style.top = `${7 + 11 * row}px`;
    markers.style.height = `${16 + 11 * (rows.length - 1)}px`;
  }

  const markers = document.getElementById("markers");
  snapshots.forEach((snapshot) => {
    const tick = document.createElement("span");
    tick.className = `tick ${snapshot.source}`;
    tick.title = describe(snapshot);
    place(tick, snapshot.at);
    markers.appendChild(tick);
  });
  data.events.forEach((event) => {
    const mark = document.createElement("span");
    mark.className = `mark ${event.kind}`;
    const size = event.detail && event.detail.chars ? ` (${event.detail.chars} characters)` : "";
    mark.title = `${event.kind.replace("_", " ")} at ${clock(event.at)}${size}`;
    stack(mark, place(mark, event.at));
    markers.appendChild(mark);
  });

  scrubber.addEventListener("input", () => { stop(); show(Number(scrubber.value)); });
  show(Number(scrubber.value));

  // Play steps through the snapshots at the candidate's pace times the speed; a long pause plays as LONGEST_MS.
  const LONGEST_MS = 2000, SHORTEST_MS = 60;
  const play = document.getElementById("play");
  const speed = document.getElementById("speed");
  let timer = null;
  function stop() {
    clearTimeout(timer);
    timer = null;
    play.textContent = "▶ Play";
    play.setAttribute("aria-pressed", "false");
  }
  function step() {
    const index = Number(scrubber.value);
    if (index >= snapshots.length - 1) { stop(); return; }
    const wait = (stops[index + 1] - stops[index]) / Number(speed.value);
    timer = setTimeout(() => {
      scrubber.value = index + 1;
      show(index + 1);
      step();
    }, Math.min(LONGEST_MS, Math.max(SHORTEST_MS, wait)));
  }
  play.addEventListener("click", () => {
    if (timer !== null) { stop(); return; }
    if (Number(scrubber.value) >= snapshots.length - 1) { scrubber.value = 0; show(0); }  // from the start again
    play.textContent = "❚❚ Pause";
    play.setAttribute("aria-pressed", "true");
    step();
  });

  const pickA = document.getElementById("diff-a");
  const pickB = document.getElementById("diff-b");
  snapshots.forEach((snapshot) => {
    for (const pick of [pickA, pickB]) {
      const option = document.createElement("option");
      option.value = snapshot.index;
      option.textContent = describe(snapshot).replace(/^Snapshot /, "#");
      pick.appendChild(option);
    }
  });
  pickA.value = 0;
  pickB.value = snapshots.length - 1;

  const output = document.getElementById("diff-output");
  document.getElementById("compare").addEventListener("submit", async (event) => {
    event.preventDefault();
    const part = document.getElementById("diff-part").value;
    const url = `${root.dataset.diffUrl}?a=${pickA.value}&b=${pickB.value}&part=${part}`;
    const response = await fetch(url, {headers: {Accept: "application/json"}});
    const body = await response.json();
    output.textContent = "";
    if (!response.ok) {
      output.textContent = body.message;
      return;
    }
    if (!body.rows.some((row) => row.kind !== "same")) {
      output.textContent = "The two snapshots are the same.";
      return;
    }
    for (const row of body.rows) {
      const line = document.createElement("span");
      line.className = row.kind;
      const sign = {same: " ", removed: "−", added: "+"}[row.kind];
      line.textContent = `${sign} ${row.text}\n`;
      output.appendChild(line);
    }
  });
})();
