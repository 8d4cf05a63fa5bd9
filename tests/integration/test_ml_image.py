"""The ml sandbox image: the problems that need pandas, scikit-learn, SciPy or PyTorch run there, hardened
and guarded exactly as on the base image."""

import pytest

from sandbox import CaseInput, ImageMissing, Job, Limits, SandboxSettings, doctor, run_job
from sandbox import image as sandbox_image
from server.judge.judge import judge
from server.judge.verdicts import Verdict
from server.problems.package import load_package

pytestmark = pytest.mark.usefixtures("no_leftover_containers")

LIBRARIES = ("import torch\nimport pandas as pd\nimport scipy.special\nimport sklearn.linear_model\n\n\n"
             "def add(a, b):\n"
             "    return int(pd.Series(torch.tensor([a, b]).numpy()).sum() + scipy.special.expit(0.0) * 0)\n")


@pytest.fixture(scope="module")
def add_two_ml(fixture_problems):
    return load_package(fixture_problems / "add-two-ml")


def messages(report):
    return [(t.name, t.verdict.label, t.message) for t in report.tests]


def test_a_problem_allowing_torch_runs_on_the_ml_image_with_its_libraries(add_two_ml, docker_client):
    assert add_two_ml.spec.sandbox_image == "ml"
    report = judge(add_two_ml, LIBRARIES, client=docker_client)
    assert report.verdict is Verdict.ACCEPTED, messages(report)


def test_the_base_image_has_no_ml_libraries(add_two, docker_client):
    report = judge(add_two, LIBRARIES, policy=False, guard=False, client=docker_client)
    assert report.verdict is Verdict.RUNTIME_ERROR
    assert all("No module named 'torch'" in t.message for t in report.tests), messages(report)


def test_ml_code_runs_single_threaded_so_cpu_limits_stay_fair(add_two_ml, docker_client):
    code = ("import torch\nimport numpy as np\n\n\ndef add(a, b):\n"
            "    x = torch.randn(256, 256)\n"
            "    y = (x @ x).sum() + float(np.ones((64, 64)) @ np.ones(64) @ np.ones(64))\n"
            "    return a + b if torch.get_num_threads() == 1 and bool(torch.isfinite(y)) else -1\n")
    report = judge(add_two_ml, code, client=docker_client)
    assert report.verdict is Verdict.ACCEPTED, messages(report)


@pytest.mark.parametrize("code, message", [
    ("import torch\n\n\ndef add(a, b):\n    torch.load('/etc/passwd')\n    return a + b",
     "opening files is not allowed: open('/etc/passwd')"),
    ("import pandas as pd\n\n\ndef add(a, b):\n    pd.read_csv('/etc/passwd')\n    return a + b",
     "opening files is not allowed: open('/etc/passwd')"),
    ("import numpy as np\nimport torch\n\n\ndef add(a, b):\n    np.ctypeslib.ctypes.CDLL(None)\n    return a + b",
     "loading or calling C code is not allowed: ctypes.dlopen"),
    ("import torch\n\n\ndef add(a, b):\n    torch.ops.load_library('/usr/lib/x86_64-linux-gnu/libc.so.6')\n"
     "    return a + b", "loading or calling C code is not allowed: ctypes.dlopen"),
    ("import pandas as pd\n\n\ndef add(a, b):\n    pd.read_csv('http://192.0.2.1/data.csv')\n    return a + b",
     "network access is not allowed"),
    ("import torch\nimport os\n\n\ndef add(a, b):\n    return a + b", "`import os` is not allowed"),
], ids=["torch.load", "pandas.read_csv", "numpy ctypes", "torch.ops.load_library", "pandas url", "import os"])
def test_hostile_code_on_the_ml_image_is_still_refused(add_two_ml, docker_client, code, message):
    report = judge(add_two_ml, code, policy=False, client=docker_client)
    assert report.verdict is Verdict.POLICY_VIOLATION, messages(report)
    assert all(message in t.message for t in report.tests if t.verdict is Verdict.POLICY_VIOLATION)


def test_the_ml_image_is_hardened_like_the_base(docker_client):
    findings = doctor.probe_findings(docker_client, SandboxSettings.from_environment(), "ml")
    assert [f.name for f in findings if not f.ok] == [], findings
    assert len(findings) >= 8


def test_a_missing_ml_image_is_a_clear_error_naming_the_command(docker_client, monkeypatch):
    real_tag = sandbox_image.image_tag
    monkeypatch.setattr(sandbox_image, "image_tag", lambda name="base": "techscreen-sandbox-ml:does-not-exist"
                        if name == "ml" else real_tag(name))
    job = Job(code="def f(x):\n    return x", kind="function", entry_point="f", limits=Limits(1.0, 256, 64),
              tests=(CaseInput({"args": [1]}),), image="ml")
    with pytest.raises(ImageMissing, match=r"techscreen-sandbox-ml:does-not-exist is not built\. "
                                           r"Run `techscreen sandbox build --image ml`"):
        run_job(job, client=docker_client)
