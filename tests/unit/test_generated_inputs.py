"""A job carrying every generated input it needs leaves the generator out; one that must build one keeps it."""

from sandbox import CaseInput, Generate, Job, Limits, RunOutcome
from sandbox.generated_inputs import InputCache, filled, key_of

GENERATOR = "def generate(n, rng):\n    return [[rng.randint(0, 9) for _ in range(n)]]"


def job(*specs):
    return Job(code="def f(v):\n    return len(v)", kind="function", entry_point="f",
               limits=Limits(cpu_seconds=1.0, memory_mb=256, output_kb=64),
               tests=(CaseInput({"args": [[1]]}),) + tuple(CaseInput(generate=spec) for spec in specs),
               generator=GENERATOR)


def test_a_job_whose_inputs_are_all_kept_runs_without_the_generator(tmp_path):
    """Its zygote, NumPy imported, cost every Submit's containers a tenth of a second for nothing."""
    cache = InputCache(tmp_path)
    wanted = job(Generate(1000, 7), Generate(10, 8))
    for test in wanted.tests[1:]:
        cache.write(key_of(wanted, test.generate), '{"args": [[4, 5]]}')
    carried = filled(wanted, cache, build=lambda specs: [])
    assert carried.generator is None
    assert [test.generated for test in carried.tests] == [None, '{"args": [[4, 5]]}', '{"args": [[4, 5]]}']


def test_a_job_with_an_input_that_could_not_be_built_keeps_the_generator(tmp_path):
    failed = RunOutcome("setup_failed", "the problem's generator failed")
    carried = filled(job(Generate(1000, 7)), InputCache(tmp_path), build=lambda specs: [failed] * len(specs))
    assert carried.generator == GENERATOR and carried.tests[1].generated is None
