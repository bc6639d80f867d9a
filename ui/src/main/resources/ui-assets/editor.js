// The template editor: CodeMirror on every textarea.code, with {{mustache}} tags highlighted. The textarea stays
// the form field: each change is saved back to it and announced as an "input" event, which drives the live check.
"use strict";

(function () {
  if (typeof CodeMirror === "undefined") {
    return; // the plain textareas still work
  }

  CodeMirror.defineMode("parapet-mustache", (config) =>
    CodeMirror.overlayMode(CodeMirror.getMode(config, "text/plain"), {
      token(stream) {
        if (stream.match("{{")) {
          while (!stream.eol()) {
            if (stream.match("}}")) {
              stream.eat("}");
              return "mustache";
            }
            stream.next();
          }
          return "mustache";
        }
        while (stream.next() != null && !stream.match("{{", false)) {
          // plain text up to the next tag
        }
        return null;
      },
    })
  );

  function enhance(root) {
    root.querySelectorAll("textarea.code").forEach((area) => {
      if (area.dataset.enhanced) {
        return;
      }
      area.dataset.enhanced = "true";
      const editor = CodeMirror.fromTextArea(area, {
        mode: "parapet-mustache",
        lineNumbers: true,
        lineWrapping: true,
        viewportMargin: Infinity,
      });
      // Screen readers and tests find the editor by the original field's label.
      const label = area.labels && area.labels.length ? area.labels[0].textContent.trim() : area.name;
      editor.getInputField().setAttribute("aria-label", label);
      editor.getWrapperElement().dataset.field = area.id;
      editor.on("change", () => {
        editor.save();
        area.dispatchEvent(new Event("input", { bubbles: true }));
      });
    });
  }

  enhance(document);
  // The editor page comes back whole after a save with errors: enhance the new textareas too.
  document.addEventListener("htmx:afterSettle", (event) => enhance(event.target));
})();
