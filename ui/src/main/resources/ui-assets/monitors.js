// The monitoring page's chart: the per-window shares of toxic, blocked and failed requests, and p95 latency.
// The figures come from the page itself (data-series, escaped by the server); nothing is fetched.
"use strict";

(function () {
  const canvas = document.getElementById("rates");
  if (!canvas || typeof Chart === "undefined") {
    return;
  }
  const series = JSON.parse(canvas.dataset.series);
  const labels = series.map((w) => w.subject + " " + w.start.slice(11, 16));
  const line = (label, key, color, axis) => ({
    label,
    data: series.map((w) => w[key]),
    borderColor: color,
    backgroundColor: color,
    yAxisID: axis,
    tension: 0.2,
  });
  new Chart(canvas, {
    type: "line",
    data: {
      labels,
      datasets: [
        line("toxic share", "toxicRate", "#b3261e", "rate"),
        line("blocked share", "blockRate", "#8a5a00", "rate"),
        line("failed share", "errorRate", "#555", "rate"),
        line("p95 latency (ms)", "latencyP95Ms", "#0172ad", "ms"),
      ],
    },
    options: {
      animation: false,
      scales: {
        rate: { type: "linear", position: "left", min: 0, max: 1 },
        ms: { type: "linear", position: "right", grid: { drawOnChartArea: false } },
      },
    },
  });
})();
