"""The complexity meter charges PyTorch calls and operators by the sizes of their tensors, as it does NumPy's:
vectorised torch code is measured by the work its C code does, not by its few Python lines."""

import pytest

from server.complexity.measure import MeasureSpec, measure

GENERATOR = ("def generate(n, rng):\n"
             "    return [[rng.random() for _ in range(n)]]\n")
LINEAR = ("import torch\n\n\n"
          "def solve(values):\n"
          "    t = torch.tensor(values, dtype=torch.float64)\n"
          "    return float(torch.cumsum(t * 2.0, 0).max())\n")
QUADRATIC = ("import torch\n\n\n"
             "def solve(values):\n"
             "    t = torch.tensor(values, dtype=torch.float64)\n"
             "    return float((t.unsqueeze(1) - t.unsqueeze(0)).abs().sum())\n")


def spec(target, max_n):
    return MeasureSpec(kind="function", entry_point="solve", generator=GENERATOR, target=target, min_n=16,
                       max_n=max_n, memory_mb=1024, allowed_imports=("torch",), image="ml")


@pytest.mark.parametrize("code, max_n, measured", [(LINEAR, 1 << 16, "O(n)"), (QUADRATIC, 2048, "O(n^2)")],
                         ids=["linear", "pairwise"])
def test_vectorised_torch_code_is_measured_by_its_tensor_work(docker_client, code, max_n, measured):
    report = measure(spec("O(n)", max_n), code, client=docker_client)
    assert report.measured == measured, report.reason
