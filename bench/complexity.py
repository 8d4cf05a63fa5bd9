"""Accuracy, stability and run time of techscreen's complexity measurement, beside big_O's.

Runs the labelled benchmark (tests/complexity_benchmark) through our
deterministic measurement (in the sandbox, counted work) and through the
timing-based `big_O` package (on the host, wall-clock fitting), in the same
run, optionally while another process keeps a core busy.

    .venv/bin/python bench/complexity.py [--repeat 5] [--busy] [--only NAME ...]
"""

import argparse
import multiprocessing
import random
import time
from pathlib import Path

import big_o

from sandbox import SandboxSettings, engine
from server.complexity.labelled import load_cases
from server.complexity.measure import measure

ROOT = Path(__file__).resolve().parents[1]
BIG_O_NAMES = {"Constant": "O(1)", "Logarithmic": "O(log n)", "Linear": "O(n)", "Linearithmic": "O(n log n)",
               "Quadratic": "O(n^2)", "Cubic": "O(n^3)", "Exponential": "O(2^n)"}


def big_o_class(case, max_n: int) -> tuple[str, float]:
    """Classify with big_O by timing the function on the host (the benchmark is our own code).

    big_O gets the same size range our measurement used, and repeats each
    timing (best of 3, 3 calls each) to give it a fair chance against noise.
    """
    namespace = {}
    exec(compile(case.source, f"{case.name}.py", "exec"), namespace)
    rng = random.Random(1)
    started = time.perf_counter()
    try:
        best, _ = big_o.big_o(lambda args: namespace["solve"](*args),
                              lambda n: namespace["generate"](int(n), rng),
                              min_n=case.spec.min_n, max_n=max(case.spec.min_n * 8, max_n),
                              n_measures=10, n_repeats=3, n_timings=3)
    except Exception as error:  # big_O's own failures are part of what this benchmark reports
        return f"error: {type(error).__name__}", time.perf_counter() - started
    name = type(best).__name__
    if name == "Polynomial":
        degree = round(best.coefficients()[1])
        label = {0: "O(1)", 1: "O(n)", 2: "O(n^2)", 3: "O(n^3)"}.get(degree, f"O(n^{degree})")
    else:
        label = BIG_O_NAMES.get(name, name)
    return label, time.perf_counter() - started


def _burn(stop):
    while not stop.is_set():
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="our measurements per function")
    parser.add_argument("--busy", action="store_true", help="keep one core busy meanwhile")
    parser.add_argument("--only", nargs="*", help="benchmark names to run")
    options = parser.parse_args()
    cases = [c for c in load_cases(ROOT / "tests/complexity_benchmark") if not options.only or c.name in options.only]
    stop = multiprocessing.Event()
    burner = multiprocessing.Process(target=_burn, args=(stop,), daemon=True)
    if options.busy:
        burner.start()
    client = engine.connect(SandboxSettings.from_environment())
    ours_right = big_right = stable = 0
    ours_seconds = big_seconds = 0.0
    print(f"{'function':24} {'expected':13} {'ours':13} {'stable':7} {'ours s':>7}  {'big_O':13} {'big_O s':>7}")
    for case in cases:
        reports = [measure(case.spec, case.source, client=client) for _ in range(options.repeat)]
        classes = {r.measured for r in reports}
        ours = reports[0].measured
        seconds = sum(r.seconds for r in reports) / len(reports)
        largest = max((p.n for p in reports[0].points if p.status == "measured"), default=case.spec.max_n)
        theirs, their_seconds = big_o_class(case, largest)
        ours_right += ours == case.expected and len(classes) == 1
        big_right += theirs == case.expected
        stable += len(classes) == 1
        ours_seconds += seconds
        big_seconds += their_seconds
        print(f"{case.name:24} {case.expected:13} {str(ours):13} {'yes' if len(classes) == 1 else 'NO':7} "
              f"{seconds:7.1f}  {theirs:13} {their_seconds:7.1f}", flush=True)
    count = len(cases)
    print(f"\naccuracy: techscreen {ours_right}/{count} ({100 * ours_right / count:.0f}%), "
          f"big_O {big_right}/{count} ({100 * big_right / count:.0f}%)")
    print(f"stable over {options.repeat} runs{' with a core busy' if options.busy else ''}: {stable}/{count}")
    print(f"mean time per function: techscreen {ours_seconds / count:.1f} s, big_O {big_seconds / count:.1f} s")
    stop.set()
    client.close()


if __name__ == "__main__":
    main()
