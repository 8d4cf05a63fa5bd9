"""Which complexity class explains measured work best: weighted least squares plus BIC.

Each class is fitted as ``y = a * f(n) + b`` with ``a, b >= 0`` (``b`` absorbs
fixed overhead), minimising relative errors (weights ``1 / y^2``), because
counts span orders of magnitude. Classes are compared by the Bayesian
information criterion; their BIC weights give a confidence. With
deterministic counts the right class usually fits to rounding error, so an
error floor keeps a near-perfect fit from claiming infinite certainty.
"""

import dataclasses
import math

from server.complexity.classes import GROWTH

RELATIVE_ERROR_FLOOR = 1e-4  # counts are exact; this caps how sure a perfect fit can be
NEGLIGIBLE_GROWTH = 0.01  # a growth term adding under 1% over the whole range is no growth


@dataclasses.dataclass(frozen=True)
class ClassFit:
    complexity_class: str
    scale: float
    offset: float
    rss: float
    bic: float
    weight: float = 0.0


@dataclasses.dataclass(frozen=True)
class Fit:
    """The best class, how sure we are, and every class's fit for the record."""

    best: str
    confidence: float
    fits: tuple[ClassFit, ...]

    def plausible(self, threshold: float = 0.1) -> list[str]:
        """Classes whose BIC weight is at least ``threshold``."""
        return [f.complexity_class for f in self.fits if f.weight >= threshold]


def _least_squares(xs, ys, growth):
    """Minimise sum(((a*g + b) - y) / y)^2 over a, b >= 0; returns (a, b, rss)."""
    gs = [growth(x) for x in xs]
    ws = [1.0 / (y * y) for y in ys]
    candidates = []
    sw = sum(ws)
    swg = sum(w * g for w, g in zip(ws, gs, strict=True))
    swgg = sum(w * g * g for w, g in zip(ws, gs, strict=True))
    swy = sum(w * y for w, y in zip(ws, ys, strict=True))
    swgy = sum(w * g * y for w, g, y in zip(ws, gs, ys, strict=True))
    determinant = sw * swgg - swg * swg
    if determinant > 0:
        a = (sw * swgy - swg * swy) / determinant
        b = (swgg * swy - swg * swgy) / determinant
        if a >= 0 and b >= 0:
            candidates.append((a, b))
    if swgg > 0:
        candidates.append((max(0.0, swgy / swgg), 0.0))
    candidates.append((0.0, swy / sw))
    return min(((a, b, _rss(gs, ys, a, b)) for a, b in candidates), key=lambda fit: fit[2])


def _rss(gs, ys, a, b):
    return sum(((a * g + b - y) / y) ** 2 for g, y in zip(gs, ys, strict=True))


def _exponential(base):
    return lambda n: math.exp(min(n * math.log(base), 700.0))


EXPONENTIAL_BASES = [1.1 + 0.05 * step for step in range(39)]  # 1.1 .. 3.0: phi^n counts as 2^n


def _best_fit(name, growth, sizes, work):
    """(a, b, rss, growth) of a class; the exponential class also searches its base."""
    if name != "O(2^n)":
        return (*_least_squares(sizes, work, growth), growth)
    return min(((*_least_squares(sizes, work, g), g) for g in map(_exponential, EXPONENTIAL_BASES)),
               key=lambda fit: fit[2])


def fit_classes(sizes, work) -> Fit:
    """Fit every class to points ``(sizes[i], work[i])`` (work > 0) and rank them by BIC."""
    m = len(sizes)
    fits = []
    for name, growth in GROWTH.items():
        a, b, rss, growth = _best_fit(name, growth, sizes, work)
        if name != "O(1)" and a * (growth(max(sizes)) - growth(min(sizes))) < NEGLIGIBLE_GROWTH * min(work):
            fits.append(ClassFit(name, a, b, rss, math.inf))  # no visible growth: that is O(1)'s fit
            continue
        parameters = {"O(1)": 1, "O(2^n)": 3}.get(name, 2)
        bic = m * math.log(rss / m + RELATIVE_ERROR_FLOOR ** 2) + parameters * math.log(m)
        fits.append(ClassFit(name, a, b, rss, bic))
    best_bic = min(f.bic for f in fits)
    likelihoods = [math.exp(-(f.bic - best_bic) / 2) for f in fits]
    total = sum(likelihoods)
    fits = tuple(dataclasses.replace(f, weight=likelihood / total)
                 for f, likelihood in zip(fits, likelihoods, strict=True))
    best = max(fits, key=lambda f: f.weight)
    return Fit(best.complexity_class, best.weight, fits)
