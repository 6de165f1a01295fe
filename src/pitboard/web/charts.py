"""Charts as SVG drawn on the server: they show with JavaScript off and print well.

Each line carries `data-series` (the car's key, or the row's name) and a <title>, so a browser
shows a tooltip without script, and static/site.js highlights the same car in every chart and
table of the page when any of its marks, legend entries or rows is hovered.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from pitboard.domain.durations import format_duration
from pitboard.web.lapdata import Pace

# Ten colours told apart at a glance (and by most colour-blind readers); past ten, a line
# takes the colours again with a dash pattern, so no two lines of a chart look alike.
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#17becf", "#e377c2",
           "#8c564b", "#bcbd22", "#4d4d4d")
DASHES = ("", "7 4", "2 3", "10 3 2 3")


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def dash(index: int) -> str:
    return DASHES[(index // len(PALETTE)) % len(DASHES)]


def swatch_style(index: int) -> str:
    """A legend swatch: the line's colour, striped where the line is dashed."""
    if not dash(index):
        return f"background:{colour(index)}"
    return (f"background:repeating-linear-gradient(90deg,{colour(index)} 0 4px,"
            f"transparent 4px 6px)")


@dataclass(frozen=True)
class Line:
    label: str
    points: Sequence[tuple[float, float]]  # (x, y), x ascending
    key: str = ""  # what marks the same car (or row) across the page; default: its index


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


CLOCK_STEPS = (1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200)


def _nice_ticks(lo: float, hi: float, count: int = 6, *, clock: bool = False) -> list[float]:
    """About `count` round values from lo to hi: 1, 2, 2.5 or 5 times a power of ten, or for
    a clock whole seconds, minutes and hours (30 s, 5 min, 1 h)."""
    if hi <= lo:
        return [lo]
    raw = (hi - lo) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next((m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw), raw)
    if clock:
        step = next((float(c) for c in CLOCK_STEPS if c >= raw), step)
    start = math.floor(lo / step) * step
    ticks = []
    value = start
    while value <= hi + step / 1000:
        if value >= lo - step / 1000:
            ticks.append(round(value, 6))
        value += step
    return ticks


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


USUAL_SHARE = 0.98  # a line's usual values: up to its 98th percentile
OUTLIER_FACTOR = 2  # a value over twice a line's usual top is an outlier (hours in the garage)


def robust_top(lines: Sequence[Line]) -> float:
    """The highest value the y axis needs: each line's highest value that is not an outlier,
    so that a car's hours in the garage do not flatten every other line (those laps are drawn
    at the top edge)."""
    tops = []
    for line in lines:
        ys = sorted(y for _, y in line.points)
        if ys:
            usual = ys[min(len(ys) - 1, math.ceil(USUAL_SHARE * len(ys)) - 1)]
            tops.append(min(ys[-1], OUTLIER_FACTOR * usual))
    return max(tops, default=0.0)


def _tick_text(value: float, y_format: str) -> str:
    """A tick label: a number, or a duration as a clock without its thousandths (`6:40`)."""
    if y_format != "duration" or value < 60:
        return _fmt(value)
    minutes, seconds = divmod(round(value), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def line_chart(
    lines: Sequence[Line],
    *,
    title: str,
    x_label: str,
    y_label: str,
    x_names: dict[int, str] | None = None,
    invert_y: bool = False,
    y_min: float | None = None,
    y_max: float | None = None,
    ignore_outliers: bool = False,
    y_format: str = "number",
    width: int = 880,
    height: int = 420,
    step: bool = False,
) -> Markup:
    """A chart of lines with axes, grid, tooltips and a legend (in HTML, under the SVG) in the
    order of `lines`. With `ignore_outliers` the y axis ends at the lines' usual values
    (`robust_top`) and what lies above is clipped at the top edge and named under the chart."""
    frame = Frame(width, height)
    xs = [p[0] for line in lines for p in line.points]
    ys = [p[1] for line in lines for p in line.points]
    if not xs:
        return Markup('<p class="muted">No data to draw.</p>')
    x_lo, x_hi = min(xs), max(xs)
    y_lo = min(ys) if y_min is None else y_min
    y_hi = max(ys) if y_max is None else y_max
    if ignore_outliers:
        y_hi = min(y_hi, max(robust_top(lines), y_lo + 1))
    if invert_y:
        y_lo, y_hi = 1, max(y_hi, 2)
    y_ticks = (
        [float(v) for v in range(1, int(y_hi) + 1)]
        if invert_y and y_hi <= 30
        else _nice_ticks(y_lo, y_hi, clock=y_format == "duration")
    )
    if not invert_y and y_ticks and y_ticks[-1] < y_hi:
        y_hi = y_ticks[-1] + (y_ticks[-1] - y_ticks[-2] if len(y_ticks) > 1 else 1)
        y_ticks.append(y_hi)
    plot = (frame.left, frame.top, width - frame.right, height - frame.bottom)
    clip = f"clip-{zlib.crc32(title.encode()):08x}"  # one per chart of a page
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" preserveAspectRatio="xMidYMid meet">',
        f"<title>{escape(title)}</title>",
        f'<defs><clipPath id="{clip}"><rect x="{plot[0]}" y="{plot[1] - 3}" '
        f'width="{plot[2] - plot[0]}" height="{plot[3] - plot[1] + 6}"/></clipPath></defs>',
    ]
    for tick in y_ticks:
        y = frame.y(tick, y_lo, y_hi, invert=invert_y)
        text = _tick_text(tick, y_format)
        # Of many places, a phone labels only the first and every fifth (site.css).
        minor = " minor" if len(y_ticks) > 12 and tick != 1 and tick % 5 else ""
        parts.append(f'<line class="grid" x1="{frame.left}" x2="{width - frame.right}" '
                     f'y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="tick{minor}" x="{frame.left - 8}" y="{y + 4:.1f}" '
                     f'text-anchor="end">{escape(text)}</text>')
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
    off_scale = []
    parts.append(f'<g clip-path="url(#{clip})">')
    for i, line in enumerate(lines):
        if not line.points:
            continue
        top = max(y for _, y in line.points)
        if not invert_y and top > y_hi:
            off_scale.append((line.label, top))
        coords = [
            (frame.x(x, x_lo, x_hi), frame.y(min(y, y_hi), y_lo, y_hi, invert=invert_y))
            for x, y in line.points
        ]
        path = [f"M{coords[0][0]:.1f},{coords[0][1]:.1f}"]
        for x, y in coords[1:]:
            path.append(f"H{x:.1f}V{y:.1f}" if step else f"L{x:.1f},{y:.1f}")
        last_x, last_y = line.points[-1]
        pattern = f' stroke-dasharray="{dash(i)}"' if dash(i) else ""
        parts.append(
            f'<g class="series" data-series="{escape(line.key or str(i))}" '
            f'style="--c:{colour(i)}">'
            f"<title>{escape(line.label)}: {_fmt(last_y)} after {_fmt(last_x)}</title>"
            f'<path d="{"".join(path)}"{pattern}/>'
            + "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5"/>'
                      for x, y in coords if len(coords) <= 40)
            + "</g>"
        )
    parts.append("</g></svg>")
    legend = "".join(
        f'<li data-series="{escape(line.key or str(i))}"><span class="swatch" '
        f'style="{swatch_style(i)}"></span>{escape(line.label)}</li>'
        for i, line in enumerate(lines)
    )
    note = ""
    if off_scale:
        above = "; ".join(f"{escape(label)} ({_fmt(round(top))})" for label, top in off_scale)
        note = (f'<p class="off-scale small muted">Off the scale at the top, up to: {above}.'
                f"</p>")
    return Markup(f'<figure class="chart-box">{"".join(parts)}'
                  f'<ul class="legend">{legend}</ul>{note}</figure>')


LABEL_CHARACTER = 9.0  # room for one character of a label (15 px on a phone, 12 px elsewhere)


def pace_chart(paces: Sequence[Pace], *, title: str, width: int = 880,
               colours: dict[str, int] | None = None) -> Markup:
    """Box plots of racing-lap times, one row per car, fastest median at the top; the label
    margin is as wide as the longest car label, so none is cut. `colours` gives each car the
    colour it has on the other charts."""
    if not paces:
        return Markup('<p class="muted">No racing laps to draw.</p>')
    row_height = 26
    left = min(int(max(len(p.label) for p in paces) * LABEL_CHARACTER) + 16, width // 2)
    frame = Frame(width, 56 + row_height * len(paces), left=left, bottom=40)
    lo = min(p.best for p in paces)
    hi = max(max(p.times) for p in paces)
    pad = (hi - lo) * 0.05 or 1
    lo, hi = lo - pad, hi + pad
    parts = [
        f'<svg class="chart pace" viewBox="0 0 {width} {frame.height}" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for tick in _nice_ticks(lo, hi, 6):
        x = frame.x(tick, lo, hi)
        parts.append(f'<line class="grid" x1="{x:.1f}" x2="{x:.1f}" y1="{frame.top}" '
                     f'y2="{frame.height - frame.bottom}"/>')
        parts.append(f'<text class="tick" x="{x:.1f}" y="{frame.height - frame.bottom + 18}" '
                     f'text-anchor="middle">{escape(format_duration(tick))}</text>')
    for row, pace in enumerate(paces):
        i = (colours or {}).get(pace.key, row)
        cy = frame.top + row_height * row + row_height / 2
        q1, q2, q3 = pace.quartiles()
        x1, x2, x3 = (frame.x(v, lo, hi) for v in (q1, q2, q3))
        xmin, xmax = frame.x(min(pace.times), lo, hi), frame.x(max(pace.times), lo, hi)
        tip = (f"{pace.label}: best {format_duration(pace.best)}, median "
               f"{format_duration(pace.median)}, {len(pace.times)} racing laps")
        parts.append(
            f'<g class="series box" data-series="{escape(pace.key)}" style="--c:{colour(i)}">'
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
