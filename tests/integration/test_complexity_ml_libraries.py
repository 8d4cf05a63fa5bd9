"""The complexity meter charges pandas, SciPy and scikit-learn calls and operators by the sizes of their
operands and results, as it does NumPy's and PyTorch's: code on these libraries is measured by the work their
compiled code does, not by their Python lines, whose count hardly grows with the data."""

import pytest

from server.complexity.measure import MeasureSpec, measure

GENERATOR = ("def generate(n, rng):\n"
             "    return [[rng.random() for _ in range(n)]]\n")
PANDAS_LINEAR = ("import pandas as pd\n\n\n"
                 "def solve(values):\n"
                 "    s = pd.Series(values)\n"
                 "    return float((s * 2.0).cumsum().max())\n")
PANDAS_CROSS_JOIN = ("import pandas as pd\n\n\n"  # every pair of rows: n squared rows in one call
                     "def solve(values):\n"
                     "    frame = pd.DataFrame({'v': values})\n"
                     "    pairs = frame.merge(frame, how='cross')\n"
                     "    return float((pairs['v_x'] - pairs['v_y']).abs().sum())\n")
PANDAS_GROUPED = ("import pandas as pd\n\n\n"
                  "def solve(values):\n"
                  "    s = pd.Series(values)\n"
                  "    return float(s.groupby(s.round(1)).mean().sum())\n")
PANDAS_LABEL_LOOKUPS = ("import pandas as pd\n\n\n"  # `in` looks a label up in the index: a hash, whatever the length
                        "def solve(values):\n"
                        "    s = pd.Series(values)\n"
                        "    return float(sum(1 for i in range(len(values)) if i in s))\n")
# The n-by-n distance matrix in one call, of which one entry is read: only the library's call sees n squared.
SCIPY_PAIRWISE = ("import numpy as np\n"
                  "from scipy.spatial.distance import cdist\n\n\n"
                  "def solve(values):\n"
                  "    points = np.array(values).reshape(-1, 1)\n"
                  "    return float(cdist(points, points)[0, -1])\n")
SKLEARN_PAIRWISE = ("import numpy as np\n"
                    "from sklearn.metrics import pairwise_distances\n\n\n"
                    "def solve(values):\n"
                    "    points = np.array(values).reshape(-1, 1)\n"
                    "    return float(pairwise_distances(points)[0, -1])\n")
# Sorting in compiled code is n log n; a binary search in a sorted array is log n, not a walk of the array.
NUMPY_SORT = ("import numpy as np\n\n\n"
              "def solve(values):\n"
              "    return float(np.sort(np.array(values))[len(values) // 2])\n")
NUMPY_BINARY_SEARCHES = ("import numpy as np\n\n\n"
                         "def solve(values):\n"
                         "    ordered = np.sort(np.array(values))\n"
                         "    return float(sum(int(ordered.searchsorted(v)) for v in values))\n")
# One element read, or one label looked up in an index (a hash): constant, however large the array or series.
NUMPY_ITEMS = ("import numpy as np\n\n\n"
               "def solve(values):\n"
               "    a = np.array(values)\n"
               "    return float(sum(a.item(i) for i in range(len(values))))\n")
PANDAS_GETS = ("import pandas as pd\n\n\n"
               "def solve(values):\n"
               "    s = pd.Series(values)\n"
               "    return float(sum(s.get(i, 0.0) for i in range(len(values))))\n")


def spec(max_n, imports):
    return MeasureSpec(kind="function", entry_point="solve", generator=GENERATOR, target="O(n)", min_n=16,
                       max_n=max_n, memory_mb=1024, allowed_imports=imports, image="ml")


@pytest.mark.parametrize("code, imports, max_n, measured", [
    (PANDAS_LINEAR, ("pandas",), 1 << 16, "O(n)"),
    (PANDAS_GROUPED, ("pandas",), 1 << 16, "O(n)"),
    (PANDAS_CROSS_JOIN, ("pandas",), 1024, "O(n^2)"),
    (PANDAS_LABEL_LOOKUPS, ("pandas",), 1 << 14, "O(n)"),
    (SCIPY_PAIRWISE, ("numpy", "scipy"), 2048, "O(n^2)"),
    (SKLEARN_PAIRWISE, ("numpy", "sklearn"), 2048, "O(n^2)"),
    (NUMPY_SORT, ("numpy",), 1 << 16, "O(n log n)"),
    (NUMPY_BINARY_SEARCHES, ("numpy",), 1 << 14, "O(n log n)"),
    (NUMPY_ITEMS, ("numpy",), 1 << 14, "O(n)"),
    (PANDAS_GETS, ("pandas",), 1 << 14, "O(n)"),
], ids=["pandas-linear", "pandas-grouped", "pandas-cross-join", "pandas-label-lookups", "scipy-pairwise",
        "sklearn-pairwise",
        "numpy-sort", "numpy-binary-searches", "numpy-items", "pandas-gets"])
def test_library_code_is_measured_by_the_work_on_its_data(docker_client, code, imports, max_n, measured):
    report = measure(spec(max_n, imports), code, client=docker_client)
    assert report.measured == measured, report.reason
