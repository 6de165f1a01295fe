// Progressive touches only: every page reads without this script.

// Hovering (or touching) a car anywhere on the page (a line, a box, a legend entry, a table
// row) brings that car forward on every chart that draws it and marks its rows.
const marks = document.querySelectorAll("[data-series]");
const focus = (key) => {
  document.querySelectorAll("svg.chart").forEach((svg) => {
    const drawn = key !== null && svg.querySelector(`[data-series="${CSS.escape(key)}"]`);
    svg.classList.toggle("dim", Boolean(drawn));
  });
  marks.forEach((el) => el.classList.toggle("on", key !== null && el.dataset.series === key));
};
marks.forEach((el) => {
  el.addEventListener("mouseenter", () => focus(el.dataset.series));
  el.addEventListener("mouseleave", () => focus(null));
  el.addEventListener("touchstart", () => focus(el.dataset.series), { passive: true });
});

// The car picker: ticking a car means "the cars ticked", changing the number "the first N".
const choice = document.getElementById("car-choice");
if (choice) {
  const pick = (value) => {
    const radio = choice.querySelector(`input[name="pick"][value="${value}"]`);
    if (radio) radio.checked = true;
  };
  choice.querySelectorAll('input[name="car"]').forEach((box) => {
    box.addEventListener("change", () => pick("cars"));
  });
  const top = choice.querySelector('input[name="top"]');
  if (top) top.addEventListener("input", () => pick("top"));
}
