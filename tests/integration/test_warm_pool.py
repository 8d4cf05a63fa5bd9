"""The warm pool: containers started ahead, each used by exactly one job, then removed."""

import concurrent.futures
import os
import time

import docker
import pytest

from sandbox import CaseInput, Job, Limits, SandboxSettings, pool, run_job
from sandbox.image import image_tag

pytestmark = pytest.mark.usefixtures("no_leftover_containers")
# Candidate code telling which container and memory limit it runs with.
WHERE = ("import re\n"
         "def f(x):\n"
         "    mounts = open('/proc/self/mountinfo').read()\n"
         "    found = re.search(r'containers/([0-9a-f]{64})/hostname', mounts).group(1)\n"
         "    for path in ('/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes'):\n"
         "        try:\n"
         "            return [found, int(open(path).read())]\n"
         "        except OSError:\n"
         "            pass\n")


def where(settings, client, memory_mb=128):
    """The container id and memory limit one job ran with."""
    job = Job(code=WHERE, kind="function", entry_point="f", limits=Limits(1.0, memory_mb, 64),
              tests=(CaseInput({"args": [0]}),))
    outcome = run_job(job, settings, client).outcomes[0]
    assert outcome.status == "completed", outcome
    return outcome.result["returned"]


def waiting_containers(warm_pool, count, patience=60.0):
    """Ids of the pool's containers once ``count`` of them are started and waiting."""
    deadline = time.monotonic() + patience
    while len(ready := warm_pool.ready()) < count:
        assert time.monotonic() < deadline, f"the pool did not fill to {count} in {patience} s"
        time.sleep(0.05)
    return ready


def exists(client, container_id):
    try:
        client.api.inspect_container(container_id)
    except docker.errors.NotFound:
        return False
    return True


def removed(client, container_ids, patience=30.0):
    """Whether every container is gone within ``patience`` (the pool removes a job's container after it)."""
    deadline = time.monotonic() + patience
    while any(exists(client, container_id) for container_id in container_ids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.fixture
def warm(docker_client):
    """Settings with a pool of three (a pool of its own: the size is part of the key), closed afterwards."""
    settings = SandboxSettings(warm_containers=3)
    yield settings, pool.pool_for(settings, image_tag())
    pool.pool_for(settings, image_tag()).close()


def test_a_job_takes_a_container_started_before_it_and_it_is_never_used_again(warm, docker_client):
    settings, warm_pool = warm
    where(settings, docker_client)  # the first job finds the pool empty and starts it
    before = waiting_containers(warm_pool, 3)
    used, _ = where(settings, docker_client)
    assert used in before and removed(docker_client, [used])
    refilled = waiting_containers(warm_pool, 3)
    assert used not in refilled and len(refilled & before) == 2
    with concurrent.futures.ThreadPoolExecutor(4) as threads:  # the judge's threads share the pool
        ran_in = [found for found, _ in threads.map(lambda _: where(settings, docker_client), range(8))]
    assert len(set(ran_in)) == 8 and used not in ran_in
    assert removed(docker_client, ran_in)


def test_the_pool_is_refilled_once_the_jobs_end_not_while_they_run(warm, docker_client):
    """The engine's work of making the replacements took CPU from the jobs still running: a tenth of a
    Submit's time to its verdict."""
    settings, warm_pool = warm
    where(settings, docker_client)
    waiting_containers(warm_pool, 3)
    busy = Job(code="import time\ndef f(x):\n    time.sleep(1.0)\n    return x\n", kind="function",
               entry_point="f", limits=Limits(1.0, 128, 64), tests=(CaseInput({"args": [0]}),))
    with concurrent.futures.ThreadPoolExecutor(1) as threads:
        running = threads.submit(run_job, busy, settings, docker_client)
        deadline = time.monotonic() + 10
        while len(warm_pool.ready()) == 3:
            assert time.monotonic() < deadline, "the job took no pooled container"
            time.sleep(0.01)
        time.sleep(0.5)
        assert len(warm_pool.held()) == 2  # the two waiting: none made meanwhile
        assert running.result().outcomes[0].status == "completed"
    waiting_containers(warm_pool, 3)


def test_a_container_that_ended_while_waiting_is_never_handed_out(warm, docker_client):
    settings, warm_pool = warm
    where(settings, docker_client)
    for container_id in waiting_containers(warm_pool, 3):
        docker_client.api.kill(container_id)  # what an engine restart does to them
    used, _ = where(settings, docker_client)
    assert removed(docker_client, [used])


def test_a_pooled_container_gets_the_memory_of_the_job_that_takes_it(warm, docker_client):
    settings, warm_pool = warm
    where(settings, docker_client, memory_mb=128)
    before = waiting_containers(warm_pool, 3)
    used, limit = where(settings, docker_client, memory_mb=256)
    assert used in before and limit == (256 + settings.memory_overhead_mb) << 20


def test_closing_the_pool_removes_its_containers(warm, docker_client):
    settings, warm_pool = warm
    where(settings, docker_client)
    waiting = waiting_containers(warm_pool, 3)
    warm_pool.close()
    assert not any(exists(docker_client, container_id) for container_id in waiting)
    assert warm_pool.held() == set()


def test_no_pool_at_zero():
    assert pool.pool_for(SandboxSettings(warm_containers=0), image_tag()) is None


def test_a_forked_process_builds_its_own_pool():
    """A Celery prefork child never takes its parent's containers: it starts with no pools."""
    settings = SandboxSettings(warm_containers=4)
    parents = pool.pool_for(settings, image_tag())
    read, write = os.pipe()
    child = os.fork()
    if child == 0:
        os.write(write, b"own" if pool.pool_for(settings, image_tag()) is not parents else b"inherited")
        os._exit(0)
    os.close(write)
    os.waitpid(child, 0)
    assert os.read(read, 16) == b"own"
    os.close(read)
