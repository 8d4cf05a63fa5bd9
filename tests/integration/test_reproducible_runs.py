"""Every test starts from the same random state (``random`` and NumPy's global generator seeded): code that
draws random numbers gets the same result, and the same measured work, run after run."""

import pytest

from sandbox import CaseInput, Job, Limits, run_job
from server.complexity.measure import MeasureSpec, measure

pytestmark = pytest.mark.usefixtures("no_leftover_containers")

DRAWS = ("import random\n"
         "import numpy as np\n\n\n"
         "def f(a):\n"
         "    return [random.random(), float(np.random.rand()), random.randrange(a)]\n")
# A random pivot: how much work a run does depends on the numbers drawn.
QUICKSELECT = ("import random\n\n\n"
               "def solve(values):\n"
               "    values, k = list(values), len(values) // 2\n"
               "    while True:\n"
               "        pivot = random.choice(values)\n"
               "        lower = [v for v in values if v < pivot]\n"
               "        if k < len(lower):\n"
               "            values = lower\n"
               "            continue\n"
               "        equal = sum(1 for v in values if v == pivot)\n"
               "        if k < len(lower) + equal:\n"
               "            return pivot\n"
               "        k -= len(lower) + equal\n"
               "        values = [v for v in values if v > pivot]\n")
GENERATOR = ("def generate(n, rng):\n"
             "    return [[rng.random() for _ in range(n)]]\n")


def test_code_drawing_random_numbers_returns_the_same_in_every_run(docker_client):
    """Python reseeds ``random`` from the OS in every forked test process: two runs drew different numbers."""
    job = Job(code=DRAWS, kind="function", entry_point="f", limits=Limits(2.0, 256, 64),
              tests=(CaseInput({"args": [1000]}), CaseInput({"args": [1000]})))
    first, second = (run_job(job, client=docker_client).outcomes for _ in range(2))
    returned = [outcome.result["returned"] for outcome in (*first, *second)]
    assert all(value == returned[0] for value in returned), returned


def test_randomised_code_measures_the_same_work_every_time(docker_client):
    spec = MeasureSpec(kind="function", entry_point="solve", generator=GENERATOR, target="O(n)", min_n=64,
                       max_n=4096)
    first, second = (measure(spec, QUICKSELECT, client=docker_client) for _ in range(2))
    assert [p.work for p in first.points] == [p.work for p in second.points]
