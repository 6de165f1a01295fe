"""Charts as SVG drawn on the server: they show with JavaScript off and print well.

Each line carries `data-series` and a <title>, so a browser shows a tooltip without script and
the small script in static/site.js can highlight a line when its legend entry is hovered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from pitboard.domain.durations import format_duration
from pitboard.web.lapdata import Pace

PALETTE = (
    "#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#65a30d",
    "#ea580c", "#4f46e5", "#0d9488", "#9333ea", "#b91c1c", "#15803d", "#a16207", "#1d4ed8",
)


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


@dataclass(frozen=True)
class Line:
    label: str
    points: Sequence[tuple[float, float]]  # (x, y), x ascending


@dataclass(frozen=True)
class Frame:
    """Plot area and the mapping of data to it."""

    width: int
    height: int
    left: int = 56
    right: int = 16
    top: int = 16
    bottom: int = 40

    def x(self, value: float, lo: float, hi: float) -> float:
        span = (hi - lo) or 1
        return self.left + (value - lo) / span * (self.width - self.left - self.right)

    def y(self, value: float, lo: float, hi: float, *, invert: bool = False) -> float:
        span = (hi - lo) or 1
        share = (value - lo) / span
        inner = self.height - self.top - self.bottom
        return self.top + (share * inner if invert else (1 - share) * inner)


def _nice_ticks(lo: float, hi: float, count: int = 6) -> list[float]:
    if hi <= lo:
        return [lo]
    raw = (hi - lo) / count
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 1
    step = next(
        (m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw), raw
    )
    start = (lo // step) * step
    ticks = []
    value = start
    while value <= hi + step / 1000:
        if value >= lo - step / 1000:
            ticks.append(round(value, 6))
        value += step
    return ticks


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def line_chart(
    lines: Sequence[Line],
    *,
    title: str,
    x_label: str,
    y_label: str,
    x_names: dict[int, str] | None = None,
    invert_y: bool = False,
    y_min: float | None = None,
    width: int = 880,
    height: int = 420,
    step: bool = False,
) -> Markup:
    """A chart of lines with axes, grid, tooltips and a legend (in HTML, under the SVG)."""
    frame = Frame(width, height)
    xs = [p[0] for line in lines for p in line.points]
    ys = [p[1] for line in lines for p in line.points]
    if not xs:
        return Markup('<p class="muted">No data to draw.</p>')
    x_lo, x_hi = min(xs), max(xs)
    y_lo = min(ys) if y_min is None else y_min
    y_hi = max(ys)
    if invert_y:
        y_lo, y_hi = 1, max(y_hi, 2)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" preserveAspectRatio="xMidYMid meet">',
        f"<title>{escape(title)}</title>",
    ]
    y_ticks = (
        [float(v) for v in range(1, int(y_hi) + 1)]
        if invert_y and y_hi <= 30
        else _nice_ticks(y_lo, y_hi)
    )
    for tick in y_ticks:
        y = frame.y(tick, y_lo, y_hi, invert=invert_y)
        parts.append(f'<line class="grid" x1="{frame.left}" x2="{width - frame.right}" '
                     f'y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="tick" x="{frame.left - 8}" y="{y + 4:.1f}" '
                     f'text-anchor="end">{_fmt(tick)}</text>')
    x_ticks = sorted(x_names) if x_names else _nice_ticks(x_lo, x_hi, 10)
    for tick in x_ticks:
        x = frame.x(tick, x_lo, x_hi)
        name = x_names.get(int(tick), _fmt(tick)) if x_names else _fmt(tick)
        parts.append(f'<text class="tick" x="{x:.1f}" y="{height - frame.bottom + 18}" '
                     f'text-anchor="middle">{escape(name)}</text>')
    parts.append(f'<text class="axis" x="{(frame.left + width - frame.right) / 2:.0f}" '
                 f'y="{height - 4}" text-anchor="middle">{escape(x_label)}</text>')
    parts.append(f'<text class="axis" transform="rotate(-90)" x="{-height / 2:.0f}" y="14" '
                 f'text-anchor="middle">{escape(y_label)}</text>')
    for i, line in enumerate(lines):
        coords = [
            (frame.x(x, x_lo, x_hi), frame.y(y, y_lo, y_hi, invert=invert_y))
            for x, y in line.points
        ]
        if not coords:
            continue
        path = [f"M{coords[0][0]:.1f},{coords[0][1]:.1f}"]
        for x, y in coords[1:]:
            path.append(f"H{x:.1f}V{y:.1f}" if step else f"L{x:.1f},{y:.1f}")
        last_x, last_y = line.points[-1]
        parts.append(
            f'<g class="series" data-series="{i}" style="--c:{colour(i)}">'
            f"<title>{escape(line.label)}: {_fmt(last_y)} after {_fmt(last_x)}</title>"
            f'<path d="{"".join(path)}"/>'
            + "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5"/>'
                      for x, y in coords if len(coords) <= 40)
            + "</g>"
        )
    parts.append("</svg>")
    legend = "".join(
        f'<li data-series="{i}"><span class="swatch" style="background:{colour(i)}"></span>'
        f"{escape(line.label)}</li>"
        for i, line in enumerate(lines)
    )
    return Markup(f'<figure class="chart-box">{"".join(parts)}'
                  f'<ul class="legend">{legend}</ul></figure>')


def pace_chart(paces: Sequence[Pace], *, title: str, width: int = 880) -> Markup:
    """Box plots of racing-lap times, one row per car, fastest median at the top."""
    if not paces:
        return Markup('<p class="muted">No racing laps to draw.</p>')
    row_height = 26
    frame = Frame(width, 56 + row_height * len(paces), left=200, bottom=40)
    lo = min(p.best for p in paces)
    hi = max(max(p.times) for p in paces)
    pad = (hi - lo) * 0.05 or 1
    lo, hi = lo - pad, hi + pad
    parts = [
        f'<svg class="chart pace" viewBox="0 0 {width} {frame.height}" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for tick in _nice_ticks(lo, hi, 8):
        x = frame.x(tick, lo, hi)
        parts.append(f'<line class="grid" x1="{x:.1f}" x2="{x:.1f}" y1="{frame.top}" '
                     f'y2="{frame.height - frame.bottom}"/>')
        parts.append(f'<text class="tick" x="{x:.1f}" y="{frame.height - frame.bottom + 18}" '
                     f'text-anchor="middle">{escape(format_duration(tick))}</text>')
    for i, pace in enumerate(paces):
        cy = frame.top + row_height * i + row_height / 2
        q1, q2, q3 = pace.quartiles()
        x1, x2, x3 = (frame.x(v, lo, hi) for v in (q1, q2, q3))
        xmin, xmax = frame.x(min(pace.times), lo, hi), frame.x(max(pace.times), lo, hi)
        tip = (f"{pace.label}: best {format_duration(pace.best)}, median "
               f"{format_duration(pace.median)}, {len(pace.times)} racing laps")
        parts.append(
            f'<g class="series box" data-series="{i}" style="--c:{colour(i)}">'
            f"<title>{escape(tip)}</title>"
            f'<text class="label" x="{frame.left - 8}" y="{cy + 4:.1f}" text-anchor="end">'
            f"{escape(pace.label)}</text>"
            f'<line class="whisker" x1="{xmin:.1f}" x2="{xmax:.1f}" y1="{cy:.1f}" y2="{cy:.1f}"/>'
            f'<rect x="{x1:.1f}" y="{cy - 8:.1f}" width="{max(x3 - x1, 1):.1f}" height="16" '
            f'rx="3"/><line class="median" x1="{x2:.1f}" x2="{x2:.1f}" y1="{cy - 8:.1f}" '
            f'y2="{cy + 8:.1f}"/></g>'
        )
    parts.append(f'<text class="axis" x="{(frame.left + width) / 2:.0f}" '
                 f'y="{frame.height - 4}" text-anchor="middle">lap time</text></svg>')
    return Markup(f'<figure class="chart-box">{"".join(parts)}</figure>')
