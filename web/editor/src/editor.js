// The candidate's code editor: CodeMirror 6 with Python mode, line numbers, indentation,
// bracket matching, search and lint markers. Built into web/static/editor.bundle.js by
// scripts/build-editor.sh; the page uses window.TechscreenEditor.createEditor.
// Tab indents (indentWithTab); CodeMirror's own escape lets keyboard users leave: Escape, then Tab or Shift+Tab
// within two seconds, moves focus on (Ctrl+M makes Tab move focus until pressed again). The page names the
// editor (label) and can point at its description of these keys (describedBy: an element id).
// CodeMirror styles itself with <style> elements; the page's Content-Security-Policy admits them by the
// nonce the server puts in <meta name="csp-nonce"> (server/security.py), so no 'unsafe-inline' is needed.
import {basicSetup} from "codemirror";
import {indentWithTab} from "@codemirror/commands";
import {python, pythonLanguage} from "@codemirror/lang-python";
import {indentUnit} from "@codemirror/language";
import {setDiagnostics} from "@codemirror/lint";
import {Compartment, EditorState, Prec} from "@codemirror/state";
import {EditorView, keymap} from "@codemirror/view";

const theme = EditorView.theme({
  "&": {minHeight: "320px", fontSize: "13.5px"},
  ".cm-scroller": {fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace"},
  ".cm-content, .cm-gutter": {minHeight: "320px"},
});

// Brackets and single quotes close themselves, triple quotes do not: CodeMirror's Python closes """ with """
// as it opens, and then typing the closing """ by habit leaves """"" behind.
const closeBrackets = Prec.high(pythonLanguage.data.of({
  closeBrackets: {brackets: ["(", "[", "{", "'", '"'], stringPrefixes: ["f", "r", "b", "u", "fr", "rf", "br", "rb"]},
}));

// The search panel's fields and buttons in one row, as the page's own controls look.
const searchPanel = EditorView.theme({
  ".cm-panel.cm-search": {padding: "6px 28px 6px 8px", display: "flex", flexWrap: "wrap", alignItems: "center",
    gap: "4px 8px", fontFamily: "inherit", fontSize: "13px"},
  ".cm-panel.cm-search label": {display: "inline-flex", alignItems: "center", gap: "3px", fontSize: "13px",
    margin: "0", fontWeight: "normal"},
  ".cm-panel.cm-search br": {flexBasis: "100%", height: "0"},
  ".cm-textfield": {font: "inherit", padding: "3px 6px", border: "1px solid #c5cbd3", borderRadius: "4px",
    margin: "0", width: "auto"},
  ".cm-button": {font: "inherit", padding: "3px 10px", border: "1px solid #c5cbd3", borderRadius: "4px",
    backgroundImage: "none", backgroundColor: "#f6f8fa", margin: "0", cursor: "pointer"},
  ".cm-button:hover": {backgroundColor: "#e9edf2"},
  ".cm-panel.cm-search [name=close]": {fontSize: "18px", top: "4px", right: "6px"},
});

function position(doc, line, column) {
  const number = Math.min(Math.max(1, line), doc.lines);
  const at = doc.line(number);
  return Math.min(at.from + Math.max(0, column), at.to);
}

export function createEditor(parent, {doc = "", readOnly = false, onChange = null, language = "python", label = "Code",
                                      describedBy = null} = {}) {
  const editable = new Compartment();
  const lock = (value) => [EditorState.readOnly.of(value), EditorView.editable.of(!value)];
  const extensions = [
    basicSetup, keymap.of([indentWithTab]), indentUnit.of("    "), EditorState.tabSize.of(4), theme, searchPanel,
    editable.of(lock(readOnly)),
    EditorView.contentAttributes.of(describedBy ? {"aria-label": label, "aria-describedby": describedBy}
      : {"aria-label": label}),
    EditorView.updateListener.of((update) => {
      if (update.docChanged && onChange) onChange(update.state.doc.toString());
    }),
  ];
  const nonce = document.querySelector('meta[name="csp-nonce"]')?.content;
  if (nonce) extensions.push(EditorView.cspNonce.of(nonce));
  if (language === "python") extensions.push(python(), closeBrackets);
  else extensions.push(EditorView.lineWrapping);
  const view = new EditorView({state: EditorState.create({doc, extensions}), parent});
  return {
    view,
    getValue: () => view.state.doc.toString(),
    setValue: (text) => view.dispatch({changes: {from: 0, to: view.state.doc.length, insert: text}}),
    setReadOnly: (value) => view.dispatch({effects: editable.reconfigure(lock(value))}),
    setDiagnostics: (items) => {
      const doc = view.state.doc;
      const diagnostics = items.map((item) => {
        const from = position(doc, item.line, item.column || 0);
        const end = doc.line(Math.min(Math.max(1, item.line), doc.lines)).to;
        return {from, to: Math.max(from, end), severity: item.severity || "error", message: item.message};
      });
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    focus: () => view.focus(),
  };
}

window.TechscreenEditor = {createEditor};
