"""The complexity curve as an inline SVG, drawn on the server: counted work against n on log-log axes.

Each input family's measured points are dots; the deciding family's points
are fitted again (``fit_classes``, the judge's own fit, deterministic) to
draw the measured class's curve and the target class's best curve, so a
reviewer sees how far the target is from explaining the counts.
"""

import math
from html import escape

from server.complexity.classes import GROWTH
from server.complexity.fit import fit_classes

WIDTH, HEIGHT = 560, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 150, 16, 40
FAMILY_COLOURS = ("#2457d6", "#0f8a6c", "#a4508b", "#c77c02", "#5a6270")
FITTED_COLOUR, TARGET_COLOUR = "#111827", "#b42318"


def complexity_svg(complexity: dict | None) -> str | None:
    """The SVG of a report's ``complexity`` part, or None when nothing was measured."""
    if not complexity:
        return None
    points = [p for p in complexity.get("points", []) if p.get("status") == "measured" and p.get("work")]
    if len(points) < 2:
        return None
    families = list(dict.fromkeys(str(p["family"]) for p in points))
    deciding = _deciding_family(complexity, families)
    decided = [p for p in points if str(p["family"]) == deciding]
    curves = _curves(decided, complexity.get("measured"), complexity.get("target"))
    xs = [p["n"] for p in points]
    ys = [p["work"] for p in points] + [y for _, samples in curves for _, y in samples]
    axes = _Axes(min(xs), max(xs), min(y for y in ys if y > 0), max(ys))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="complexity-chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'role="img" aria-label="Counted work against n, log-log">', axes.grid()]
    for (label, samples), colour, dash in zip(curves, (FITTED_COLOUR, TARGET_COLOUR), ("", "6 4"), strict=False):
        path = " ".join(f"{'M' if i == 0 else 'L'}{axes.x(n):.1f},{axes.y(y):.1f}"
                        for i, (n, y) in enumerate(samples) if y > 0)
        kind = "fitted" if colour == FITTED_COLOUR else "target"
        parts.append(f'<path class="curve {kind}" d="{path}" fill="none" stroke="{colour}" stroke-width="2" '
                     f'stroke-dasharray="{dash}"><title>{escape(label)}</title></path>')
    for index, family in enumerate(families):
        colour = FAMILY_COLOURS[index % len(FAMILY_COLOURS)]
        for p in (p for p in points if str(p["family"]) == family):
            parts.append(f'<circle class="point" cx="{axes.x(p["n"]):.1f}" cy="{axes.y(p["work"]):.1f}" r="3.2" '
                         f'fill="{colour}"><title>{escape(family)}: n={p["n"]}, work={p["work"]}</title></circle>')
    legend = [(label, colour) for (label, _), colour in zip(curves, (FITTED_COLOUR, TARGET_COLOUR), strict=False)]
    legend += [(f"{family} inputs" if family != "None" else "inputs", FAMILY_COLOURS[i % len(FAMILY_COLOURS)])
               for i, family in enumerate(families)]
    for row, (label, colour) in enumerate(legend):
        y = TOP + 10 + 18 * row
        parts.append(f'<rect x="{WIDTH - RIGHT + 12}" y="{y - 6}" width="12" height="4" fill="{colour}"/>'
                     f'<text x="{WIDTH - RIGHT + 30}" y="{y}" font-size="11">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _deciding_family(complexity: dict, families: list[str]) -> str:
    """The family whose class the report took (the slowest), else the first one measured."""
    verdicts = complexity.get("families") or {}
    matching = [name for name in families if (verdicts.get(name) or {}).get("class") == complexity.get("measured")]
    return matching[0] if matching else families[0]


def _curves(points: list[dict], measured: str | None, target: str | None) -> list[tuple[str, list]]:
    """(label, samples) of the measured class's fit and the target class's fit, over the points' range."""
    if len(points) < 2:
        return []
    fit = fit_classes([p["n"] for p in points], [p["work"] for p in points])
    by_class = {f.complexity_class: f for f in fit.fits}
    low, high = min(p["n"] for p in points), max(p["n"] for p in points)
    sizes = [low * (high / low) ** (i / 60) for i in range(61)]
    curves = []
    for label, name in ((f"fitted {measured}", measured), (f"target {target}", target)):
        chosen = by_class.get(name)
        if chosen is None or name == "O(2^n)":  # the exponential's fitted base is not in the fit record
            continue
        growth = GROWTH[name]
        curves.append((label, [(n, chosen.scale * growth(n) + chosen.offset) for n in sizes]))
    return curves


class _Axes:
    """Log-log mapping from (n, work) to the plot area, with decade and doubling grid lines."""

    def __init__(self, x_low, x_high, y_low, y_high):
        self.lx, self.hx = math.log2(x_low), math.log2(max(x_high, x_low * 2))
        self.ly, self.hy = math.floor(math.log10(y_low)), math.ceil(math.log10(max(y_high, y_low * 10)))

    def x(self, n: float) -> float:
        return LEFT + (math.log2(n) - self.lx) / (self.hx - self.lx) * (WIDTH - LEFT - RIGHT)

    def y(self, work: float) -> float:
        return HEIGHT - BOTTOM - (math.log10(work) - self.ly) / (self.hy - self.ly) * (HEIGHT - TOP - BOTTOM)

    def grid(self) -> str:
        lines = [f'<rect x="{LEFT}" y="{TOP}" width="{WIDTH - LEFT - RIGHT}" height="{HEIGHT - TOP - BOTTOM}" '
                 f'fill="#fff" stroke="#d9dde5"/>']
        step = max(1, math.ceil((self.hx - self.lx) / 8))
        for power in range(math.ceil(self.lx), math.floor(self.hx) + 1, step):
            x = self.x(2 ** power)
            lines.append(f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{HEIGHT - BOTTOM}" stroke="#eef0f4"/>'
                         f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 14}" font-size="10" text-anchor="middle">'
                         f'{2 ** power}</text>')
        for power in range(self.ly, self.hy + 1):
            y = self.y(10 ** power)
            lines.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#eef0f4"/>'
                         f'<text x="{LEFT - 6}" y="{y + 3:.1f}" font-size="10" text-anchor="end">1e{power}</text>')
        lines.append(f'<text x="{(LEFT + WIDTH - RIGHT) / 2}" y="{HEIGHT - 6}" font-size="11" '
                     f'text-anchor="middle">n (log scale)</text>'
                     f'<text x="14" y="{(TOP + HEIGHT - BOTTOM) / 2}" font-size="11" text-anchor="middle" '
                     f'transform="rotate(-90 14 {(TOP + HEIGHT - BOTTOM) / 2})">counted work (log)</text>')
        return "".join(lines)
