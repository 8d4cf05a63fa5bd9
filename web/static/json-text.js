// Test files read and written without losing a number: JSON.parse refuses the NaN, Infinity and -Infinity
// that Python's json writes, and turns 1.0 into 1 and 4611686018427387905 (an int64) into ...904. Here every
// number stays the text it was written as, so a table edit of one cell rewrites the others as they were.
(function () {
  "use strict";

  class JsonNumber {
    constructor(text) { this.text = text; }
    toString() { return this.text; }
  }

  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
  const WORDS = [["true", true], ["false", false], ["null", null], ["NaN", "NaN"], ["Infinity", "Infinity"],
    ["-Infinity", "-Infinity"]];

  // JSON, plus Python's NaN, Infinity and -Infinity; numbers as JsonNumber. Throws SyntaxError.
  function parse(text) {
    let at = 0;
    const fail = (what) => { throw new SyntaxError(`${what} at character ${at}`); };
    const space = () => { while (at < text.length && " \t\n\r".includes(text[at])) at += 1; };
    const match = (pattern) => {
      pattern.lastIndex = at;
      const found = pattern.exec(text);
      if (found) at = pattern.lastIndex;
      return found && found[0];
    };
    function value() {
      space();
      const char = text[at];
      if (char === "{") return object();
      if (char === "[") return array();
      if (char === '"') return JSON.parse(match(STRING) || fail("an unfinished string"));
      for (const [word, result] of WORDS) {
        if (text.startsWith(word, at)) {
          at += word.length;
          return typeof result === "string" ? new JsonNumber(result) : result;
        }
      }
      const number = match(NUMBER);
      return number === null ? fail("an unexpected character") : new JsonNumber(number);
    }
    function items(close, item) {
      at += 1;
      space();
      if (text[at] === close) { at += 1; return; }
      for (;;) {
        item();
        space();
        if (text[at] === close) { at += 1; return; }
        if (text[at] !== ",") fail(`',' or '${close}' expected`);
        at += 1;
      }
    }
    function array() {
      const list = [];
      items("]", () => list.push(value()));
      return list;
    }
    function object() {
      const entries = [];
      items("}", () => {
        space();
        const key = JSON.parse(match(STRING) || fail("a key expected"));
        space();
        if (text[at] !== ":") fail("':' expected");
        at += 1;
        entries.push([key, value()]);
      });
      return Object.fromEntries(entries);  // own properties, "__proto__" included, as JSON.parse makes them
    }
    const result = value();
    space();
    if (at < text.length) fail("text after the value");
    return result;
  }

  // One line, spaced like Python's json.dumps; numbers as they were written.
  function oneLine(value) {
    if (value instanceof JsonNumber) return value.text;
    if (Array.isArray(value)) return "[" + value.map(oneLine).join(", ") + "]";
    if (value && typeof value === "object") {
      return "{" + Object.entries(value).map(([k, v]) => JSON.stringify(k) + ": " + oneLine(v)).join(", ") + "}";
    }
    return JSON.stringify(value);
  }

  window.JsonText = {parse, oneLine};
})();
