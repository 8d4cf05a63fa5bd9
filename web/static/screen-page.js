// What every page of a candidate's screen does, coding problem or question item (candidate.js, question.js):
// the integrity events, the countdown and Finish.
//
// Each load of a page names itself (page), so the reviewer's summary can follow focus from page to page:
// switching away (focus lost, then regained) reads apart from leaving the page (closed, reloaded or left for
// another page), and moving between the candidate's own tabs or items is no time away.
window.TechscreenScreenPage = (function () {
  "use strict";

  // Sends integrity events for item ``problem`` through ``post(path, body, keepalive)`` (a promise) while
  // ``isOpen()``; ``save()`` runs when the window loses focus.
  function reportIntegrity({root, problem, post, isOpen, save}) {
    const pageId = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, "0")).join("");
    function event(kind, extra) {
      if (!isOpen()) return;
      post("/events", Object.assign({kind, problem, page: pageId}, extra || {}), true).catch(() => {});
    }
    root.addEventListener("paste", (e) => {
      const text = (e.clipboardData && e.clipboardData.getData("text")) || "";
      event("paste", {chars: text.length, lines: text.split("\n").length});
    }, true);
    window.addEventListener("blur", () => { save(); event("focus_lost"); });
    window.addEventListener("focus", () => event("focus_regained"));
    window.addEventListener("pageshow", () => event("page_opened", {focused: document.hasFocus()}));
    window.addEventListener("pagehide", () => event("page_left"));
  }

  // The countdown in #clock; at zero ``lockDown(timeUp)``. A finished screen's page says "finished".
  function runClock({readOnly, lockDown, timeUp}) {
    const clock = document.getElementById("clock");
    const deadline = Date.now() + Number(clock.dataset.secondsLeft) * 1000;
    function tick() {
      if (readOnly && Number(clock.dataset.secondsLeft) === 0) { clock.textContent = "finished"; return; }
      const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      const h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
      clock.textContent = (h ? `${h}:` : "") + `${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")} left`;
      clock.classList.toggle("low", left < 300);
      if (left === 0) { lockDown(timeUp); return; }
      setTimeout(tick, 1000);
    }
    tick();
  }

  // Finish asks first, and saves (``saveBeforeLeaving``, a promise) before the form goes.
  function confirmFinish(saveBeforeLeaving) {
    const finishForm = document.getElementById("finish-form");
    if (finishForm) finishForm.addEventListener("submit", async (e) => {
      e.preventDefault();
      if (!confirm("Finish the screen? You will not be able to change your answers.")) return;
      await saveBeforeLeaving();
      finishForm.submit();
    });
  }

  return {reportIntegrity, runClock, confirmFinish};
})();
