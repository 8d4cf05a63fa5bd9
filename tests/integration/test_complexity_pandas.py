"""The complexity meter charges pandas calls and operators by the sizes of their frames and series, as it does
NumPy's and PyTorch's: pandas code is measured by the work its compiled code does, not by its Python lines,
whose count hardly grows with the data."""

import pytest

from server.complexity.measure import MeasureSpec, measure

GENERATOR = ("def generate(n, rng):\n"
             "    return [[rng.random() for _ in range(n)]]\n")
LINEAR = ("import pandas as pd\n\n\n"
          "def solve(values):\n"
          "    s = pd.Series(values)\n"
          "    return float((s * 2.0).cumsum().max())\n")
PAIRWISE = ("import pandas as pd\n\n\n"  # every pair of rows: a cross join, n squared rows in one call
            "def solve(values):\n"
            "    frame = pd.DataFrame({'v': values})\n"
            "    pairs = frame.merge(frame, how='cross')\n"
            "    return float((pairs['v_x'] - pairs['v_y']).abs().sum())\n")
GROUPED = ("import pandas as pd\n\n\n"  # the groupby's mean walks every row: charged by the frame it wraps
           "def solve(values):\n"
           "    s = pd.Series(values)\n"
           "    return float(s.groupby(s.round(1)).mean().sum())\n")
MEMBERSHIP = ("import pandas as pd\n\n\n"  # `in` looks a label up in the index: a hash, whatever the length
              "def solve(values):\n"
              "    s = pd.Series(values)\n"
              "    return float(sum(1 for i in range(len(values)) if i in s))\n")


def spec(max_n):
    return MeasureSpec(kind="function", entry_point="solve", generator=GENERATOR, target="O(n)", min_n=16,
                       max_n=max_n, memory_mb=1024, allowed_imports=("pandas",), image="ml")


@pytest.mark.parametrize("code, max_n, measured", [(LINEAR, 1 << 16, "O(n)"), (GROUPED, 1 << 16, "O(n)"),
                                                   (PAIRWISE, 1024, "O(n^2)"), (MEMBERSHIP, 1 << 14, "O(n)")],
                         ids=["linear", "grouped", "cross-join", "label-lookups"])
def test_pandas_code_is_measured_by_the_work_on_its_frames(docker_client, code, max_n, measured):
    report = measure(spec(max_n), code, client=docker_client)
    assert report.measured == measured, report.reason
