"""The control group of idle CPU priority for job containers, on both cgroup layouts, and where it cannot be."""

import pytest

from sandbox import PriorityUnavailable
from sandbox.priority import idle_cgroup


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
