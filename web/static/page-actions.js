// Small page actions declared in the markup, so that no page needs an inline event handler (the
// Content-Security-Policy runs no inline script): data-copy-from="ID" copies that field's value,
// data-select-on-focus selects a field's text, form[data-confirm] asks before submitting, data-print prints,
// and a data-scroll-box that overflows joins the tab order, so that a keyboard can scroll it too.
(function () {
  "use strict";
  document.addEventListener("click", (event) => {
    const copy = event.target.closest("[data-copy-from]");
    if (copy) {
      navigator.clipboard.writeText(document.getElementById(copy.dataset.copyFrom).value)
        .then(() => { copy.textContent = "Copied"; });
    }
    if (event.target.closest("[data-print]")) window.print();
  });
  document.addEventListener("focusin", (event) => {
    if (event.target.matches("[data-select-on-focus]")) event.target.select();
  });
  document.addEventListener("submit", (event) => {
    const button = event.submitter && event.submitter.closest("[data-confirm]");
    const question = button ? button.dataset.confirm : event.target.closest("form")?.dataset.confirm;
    if (question && !window.confirm(question)) event.preventDefault();
  });
  document.querySelectorAll("[data-scroll-box]").forEach((box) => {
    if (box.scrollHeight > box.clientHeight || box.scrollWidth > box.clientWidth) box.tabIndex = 0;
  });
})();
