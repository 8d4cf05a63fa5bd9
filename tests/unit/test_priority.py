"""The control group of idle CPU priority for job containers, on both cgroup layouts, and where it cannot be."""

import os
import subprocess
import sys

import pytest

from sandbox import PriorityUnavailable
from sandbox.priority import idle_cgroup
from tests.conftest import ROOT


def test_on_cgroup_v1_the_group_is_made_in_the_cpu_hierarchy(tmp_path):
    (tmp_path / "cpu").mkdir()
    (tmp_path / "cpu" / "cpu.shares").write_text("1024")
    assert idle_cgroup("judging", root=tmp_path) == "/judging"
    assert (tmp_path / "cpu" / "judging" / "cpu.idle").read_text() == "1"


def test_on_cgroup_v2_the_cpu_controller_is_handed_down_first(tmp_path):
    (tmp_path / "cgroup.subtree_control").write_text("")
    assert idle_cgroup("judging", root=tmp_path) == "/judging"
    assert (tmp_path / "cgroup.subtree_control").read_text() == "+cpu"
    assert (tmp_path / "judging" / "cpu.idle").read_text() == "1"


def test_a_host_that_does_not_allow_it_says_where_and_why(tmp_path):
    (tmp_path / "cpu").mkdir()
    (tmp_path / "cpu" / "cpu.shares").write_text("1024")
    (tmp_path / "cpu" / "judging").write_text("not a folder")
    with pytest.raises(PriorityUnavailable, match=r"cannot make .*judging of idle CPU priority"):
        idle_cgroup("judging", root=tmp_path)


def test_behind_pages_puts_the_process_and_its_containers_last(tmp_path):
    """In a process of its own (the change is for life): the lowest nice value, the session's autogroup too where
    the kernel has one, and the job containers' control group named for the sandbox's settings."""
    probe = ("import os, sandbox.priority as p\n"
             "print(p.behind_pages(), os.nice(0), os.environ['TECHSCREEN_SANDBOX_CGROUP_PARENT'])\n"
             "group = '/proc/self/autogroup'\n"
             "print(open(group).read().strip() if os.path.exists(group) else 'nice 19')\n")
    environment = {**os.environ, "TECHSCREEN_SANDBOX_CGROUP_PARENT": "/already-chosen"}
    answer = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT,
                            env=environment, start_new_session=True)
    chosen, autogroup = answer.stdout.splitlines()
    assert chosen.split() == ["/already-chosen", "19", "/already-chosen"]
    assert autogroup.endswith("nice 19")
