"""How long a Submit takes, against a bare container started in the same run.

For each seed problem's reference: the time to the test verdict (``judge``)
and to the full report (the verdict, then complexity, notes, quality and score
through ``assess``), and the CPU time its tests' processes used (what no
harness can take away: the code's own work, reading its input and writing its
result). Prints medians over a few repetitions and their ratios to
the baseline (the cheapest possible container: create, start,
`python3 -c pass`, wait, remove), so the figures stay comparable across
machines and loads. Each Submit finds the machine as a candidate's does: the
warm pool refilled and the previous Submit's containers removed (the pool
does that once a Submit's jobs end; back to back, it would run inside the
next one).

    .venv/bin/python bench/judge_latency.py [--repeat 5] [--only ID ...]
"""

import argparse
import statistics
import time

from sandbox import JobSession, SandboxSettings, engine, image, pool
from server.judge.judge import judge
from server.problems import bank
from server.scoring.assess import assess


def bare_container(client) -> None:
    api = client.api
    container = api.create_container(image.image_tag(), command=["python3", "-c", "pass"],
                                     network_disabled=True)["Id"]
    try:
        api.start(container)
        api.wait(container)
    finally:
        api.remove_container(container, force=True)


def median_seconds(action, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def settle(package, patience: float = 30.0) -> None:
    """Wait until the package's warm pool is full and holds nothing else (no container being made or removed)."""
    warm = pool.pool_for(SandboxSettings.from_environment(), image.image_tag(package.spec.sandbox_image))
    deadline = time.monotonic() + patience
    while warm and not (len(warm.ready()) == len(warm.held()) == warm.size) and time.monotonic() < deadline:
        time.sleep(0.02)


def submit_seconds(package, client) -> tuple[float, float, float]:
    """Seconds to the test verdict and to the full report of one Submit of the reference (its tests and its
    measurement in one container, as a judge runs them), and the CPU seconds of its tests."""
    settle(package)
    started = time.perf_counter()
    with JobSession(client=client) as session:
        judged = judge(package, package.solution, client=client, session=session)
        verdict = time.perf_counter() - started
        assess(package, package.solution, judged, "", client=client, session=session)
    return verdict, time.perf_counter() - started, sum(test.time_ms for test in judged.tests) / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", nargs="*", help="problem ids to run")
    options = parser.parse_args()
    client = engine.connect(SandboxSettings.from_environment())
    baseline = median_seconds(lambda: bare_container(client), options.repeat)
    print(f"bare container (baseline): {baseline * 1000:.0f} ms")
    print(f"{'problem (tests)':32} {'verdict ms':>10} {'x floor':>7} {'ms/test':>7} {'report ms':>10} {'x floor':>7} "
          f"{'tests CPU ms':>12}")
    worst_verdict = worst_report = 0.0
    for problem_id, package in bank.list_packages():
        if isinstance(package, Exception) or (options.only and problem_id not in options.only):
            continue
        judge(package, package.solution, client=client)  # warm the reference cache
        samples = [submit_seconds(package, client) for _ in range(options.repeat)]
        verdict = statistics.median(s[0] for s in samples)
        report = statistics.median(s[1] for s in samples)
        tests_cpu = statistics.median(s[2] for s in samples)
        worst_verdict, worst_report = max(worst_verdict, verdict / baseline), max(worst_report, report / baseline)
        label, per_test = f"{problem_id} ({len(package.cases)})", verdict / len(package.cases)
        print(f"{label:32} {verdict * 1000:10.0f} {verdict / baseline:6.1f}x {per_test * 1000:7.0f} "
              f"{report * 1000:10.0f} {report / baseline:6.1f}x {tests_cpu * 1000:12.0f}", flush=True)
    print(f"worst: verdict {worst_verdict:.1f}x, full report {worst_report:.1f}x the floor")
    client.close()


if __name__ == "__main__":
    main()
