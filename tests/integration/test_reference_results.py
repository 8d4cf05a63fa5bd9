"""Expected results computed by the reference for generated cases, cached per package."""

from server.judge import expected
from server.problems import bank


def test_a_resized_copy_of_a_generated_case_keeps_its_own_reference_result(docker_client):
    """Keyed by the case's name alone, a calibration judging a smaller copy of a performance case left its results
    in the cache, and every later judging of the real case compared against them (wrong answers for the
    reference itself)."""
    package = bank.load("stable-softmax")
    case = next(case for case in package.cases if expected.needs_reference(case))
    small = case.model_copy(update={"generate": case.generate.model_copy(update={"n": 5})})
    resized = expected.expectations(package, [small], client=docker_client)[small.name].value
    original = expected.expectations(package, [case], client=docker_client)[case.name].value
    assert (len(resized), len(original)) == (5, case.generate.n)
