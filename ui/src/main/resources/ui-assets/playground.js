// Playground: runs one version (or two, to compare) and shows the answer as it streams. Tokens are written with
// textContent; the final outcome is HTML the server rendered and escaped.
"use strict";

(function () {
  const form = document.getElementById("playground");
  if (!form) {
    return;
  }
  const csrf = document.body.dataset.csrf;

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const compare = document.getElementById("compare").checked;
    document.getElementById("run-b").hidden = !compare;
    const data = new FormData(form);
    run(data, data.get("refA"), "a");
    if (compare) {
      run(data, data.get("refB"), "b");
    }
  });

  async function run(data, ref, pane) {
    const answer = document.getElementById("answer-" + pane);
    const outcome = document.getElementById("outcome-" + pane);
    answer.textContent = "";
    outcome.textContent = "Running…";
    const body = new URLSearchParams(data);
    body.set("ref", ref);
    try {
      const response = await fetch(form.dataset.run, {
        method: "POST",
        headers: { "X-CSRF-Token": csrf, "Content-Type": "application/x-www-form-urlencoded" },
        body: body,
      });
      if (!response.ok) {
        outcome.textContent = (await response.text()) || ("Failed with status " + response.status);
        return;
      }
      await readEvents(response.body, (name, payload) => {
        if (name === "token") {
          answer.textContent += payload.t;
        } else if (name === "result") {
          outcome.innerHTML = payload.html; // rendered and escaped by the server
        }
      });
    } catch (e) {
      outcome.textContent = "The run failed: " + e.message;
    }
  }

  // Server-sent events over a POST response: "event:" and "data:" lines, events separated by a blank line.
  async function readEvents(stream, onEvent) {
    const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += value;
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let name = "message";
        const data = [];
        for (const line of block.split("\n")) {
          if (line.startsWith("event:")) {
            name = line.slice(6).trim();
          } else if (line.startsWith("data:")) {
            data.push(line.slice(5).replace(/^ /, ""));
          }
        }
        if (data.length) {
          onEvent(name, JSON.parse(data.join("\n")));
        }
      }
    }
  }
})();
