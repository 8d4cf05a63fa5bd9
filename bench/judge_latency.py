"""How long one judge call takes, against a bare container started in the same run.

Prints medians over a few repetitions and the ratio to the baseline (the
cheapest possible container: create, start, `python3 -c pass`, wait, remove),
so the figures stay comparable across machines and loads.

    .venv/bin/python bench/judge_latency.py [--repeat 5]
"""

import argparse
import statistics
import time
from pathlib import Path

from sandbox import SandboxSettings, engine, image
from server.judge.judge import judge
from server.problems import bank
from server.problems.package import load_package

ROOT = Path(__file__).resolve().parents[1]


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    client = engine.connect(SandboxSettings.from_environment())
    baseline = median_seconds(lambda: bare_container(client), repeat)
    print(f"{'bare container (baseline)':44} {baseline * 1000:8.0f} ms   1.0x")
    subjects = [("add-two fixture, 3 tests", load_package(ROOT / "tests/fixtures/problems/add-two"))]
    subjects += [(f"{pid}, reference", bank.load(pid)) for pid in ("cosine-similarity", "moving-average",
                                                                    "log-anomalies")]
    for label, package in subjects:
        judge(package, package.solution, client=client)  # warm the reference cache
        seconds = median_seconds(lambda package=package: judge(package, package.solution, client=client), repeat)
        per_test = seconds / len(package.cases) * 1000
        print(f"{label + f' ({len(package.cases)} tests)':44} {seconds * 1000:8.0f} ms "
              f"{seconds / baseline:5.1f}x   {per_test:5.0f} ms/test")
    client.close()


if __name__ == "__main__":
    main()
