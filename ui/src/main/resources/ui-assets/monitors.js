// The monitoring page's charts: the per-window shares of toxic, blocked and failed requests and p95 latency, and
// each drift feature's score (distance / threshold; above 1 is drift).
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

  const driftCanvas = document.getElementById("drift");
  const features = [...new Set(series.flatMap((w) => Object.keys(w.drift || {})))].sort();
  if (!driftCanvas || features.length === 0) {
    return;
  }
  const palette = ["#0172ad", "#b3261e", "#8a5a00", "#2e7d32", "#6a1b9a", "#555", "#00838f", "#c2185b"];
  new Chart(driftCanvas, {
    type: "line",
    data: {
      labels,
      datasets: features
        .map((f, i) => ({
          label: f,
          data: series.map((w) => (w.drift && w.drift[f] ? w.drift[f].score : null)),
          borderColor: palette[i % palette.length],
          backgroundColor: palette[i % palette.length],
          spanGaps: true,
          tension: 0.2,
        }))
        .concat([{
          label: "alert threshold",
          data: series.map(() => 1),
          borderColor: "#999",
          borderDash: [6, 4],
          pointRadius: 0,
        }]),
    },
    options: { animation: false, scales: { y: { type: "linear", min: 0, suggestedMax: 2 } } },
  });
})();
