// Progressive touches only: every page reads without this script.
// Hovering a legend entry (or a line) brings its line forward on the chart.
document.querySelectorAll("figure.chart-box").forEach((figure) => {
  const svg = figure.querySelector("svg.chart");
  if (!svg) return;
  const focus = (key) => {
    svg.classList.toggle("dim", key !== null);
    figure.querySelectorAll("[data-series]").forEach((el) => {
      el.classList.toggle("on", el.dataset.series === key);
    });
  };
  figure.querySelectorAll("[data-series]").forEach((el) => {
    el.addEventListener("mouseenter", () => focus(el.dataset.series));
    el.addEventListener("mouseleave", () => focus(null));
  });
});
