// Parapet UI: small progressive enhancements. No inline scripts anywhere (the CSP forbids them).
"use strict";

// htmx swaps 2xx and 3xx responses by default; the UI also answers 409, 422, 401 and 403 with a page that explains
// what went wrong, so swap those too instead of leaving the user with nothing.
document.addEventListener("htmx:beforeSwap", (event) => {
  const status = event.detail.xhr.status;
  if ([401, 403, 404, 409, 412, 422].includes(status)) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
    const type = event.detail.xhr.getResponseHeader("Content-Type") || "";
    if (!type.startsWith("text/html")) {
      // A plain-text refusal (for example a stale CSRF token): show it as text, never as HTML.
      event.detail.shouldSwap = false;
      showProblem(event.detail.xhr.responseText || ("Request failed with status " + status));
    }
  }
});

document.addEventListener("htmx:sendError", () => showProblem("Parapet did not answer. Is the server running?"));
document.addEventListener("htmx:responseError", (event) => {
  showProblem("The server failed (" + event.detail.xhr.status + "). Nothing was changed; try again.");
});

function showProblem(message) {
  let box = document.getElementById("problem");
  if (!box) {
    box = document.createElement("p");
    box.id = "problem";
    box.className = "error";
    box.setAttribute("role", "alert");
    document.getElementById("main").prepend(box);
  }
  box.textContent = message;
}
