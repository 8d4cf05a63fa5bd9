"""``techscreen sandbox doctor``: prove that a job container is as locked down as designed.

A probe runs as an ordinary job (through the supervisor, as candidate code
would) and reports what it can do; each fact is compared with what the
hardening promises.
"""

import dataclasses

import docker

from sandbox import image
from sandbox.engine import engine_errors
from sandbox.jobs import CaseInput, Job, Limits, run_job
from sandbox.settings import SandboxSettings

PROBE_CODE = r'''
import os, socket, time

def _read(path):
    try:
        with open(path) as handle:
            return handle.read().strip()
    except OSError:
        return None

def _status_field(name):
    for line in (_read("/proc/self/status") or "").splitlines():
        if line.startswith(name + ":"):
            return line.split(":", 1)[1].strip()
    return None

def _root_writable():
    try:
        with open("/probe", "w"):
            return True
    except OSError:
        return False

def _network():
    try:
        socket.create_connection(("1.1.1.1", 53), timeout=1).close()
        return True
    except OSError:
        return False

def _forks(limit):
    children = []
    try:
        while len(children) < limit:
            pid = os.fork()
            if pid == 0:
                time.sleep(30)
                os._exit(0)
            children.append(pid)
    except OSError:
        pass
    for pid in children:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    return len(children)

def probe(pids_limit):
    return {
        "uid": os.getuid(),
        "root_writable": _root_writable(),
        "network": _network(),
        "interfaces": sorted(os.listdir("/sys/class/net")),
        "cap_eff": _status_field("CapEff"),
        "no_new_privs": _status_field("NoNewPrivs"),
        "seccomp": _status_field("Seccomp"),
        "forks": _forks(pids_limit + 10),
        "docker_socket": os.path.exists("/var/run/docker.sock") or os.path.exists("/run/docker.sock"),
    }
'''


@dataclasses.dataclass(frozen=True)
class Finding:
    name: str
    ok: bool
    detail: str


def probe_findings(client: docker.DockerClient, settings: SandboxSettings,
                   name: str = image.DEFAULT) -> list[Finding]:
    """Run the probe in a job container of image ``name`` and judge each fact."""
    job = Job(code=PROBE_CODE, kind="function", entry_point="probe", limits=Limits(5.0, 256, 64),
              tests=(CaseInput({"args": [settings.pids_limit]}),), image=name)
    outcome = run_job(job, settings, client).outcomes[0]
    facts = (outcome.result or {}).get("returned")
    if outcome.status != "completed" or not isinstance(facts, dict):
        return [Finding("probe ran", False, f"{outcome.status}: {outcome.detail or outcome.result}")]
    return [
        Finding("non-root user", facts.get("uid") != 0, f"uid {facts.get('uid')}"),
        Finding("read-only root", facts.get("root_writable") is False, "writing /probe was refused"
                if facts.get("root_writable") is False else "/probe could be written"),
        Finding("no network", facts.get("network") is False and facts.get("interfaces") == ["lo"],
                f"interfaces {facts.get('interfaces')}, outbound connect "
                f"{'succeeded' if facts.get('network') else 'refused'}"),
        Finding("no capabilities", facts.get("cap_eff") == "0000000000000000", f"CapEff {facts.get('cap_eff')}"),
        Finding("no new privileges", facts.get("no_new_privs") == "1", f"NoNewPrivs {facts.get('no_new_privs')}"),
        Finding("seccomp filter", facts.get("seccomp") == "2", f"Seccomp mode {facts.get('seccomp')}"),
        Finding("pids cap", isinstance(facts.get("forks"), int) and facts["forks"] < settings.pids_limit,
                f"{facts.get('forks')} extra processes started under a cap of {settings.pids_limit}"),
        Finding("no docker socket", facts.get("docker_socket") is False, "no Docker socket is mounted"
                if facts.get("docker_socket") is False else "a Docker socket is visible"),
    ]


def engine_version(client: docker.DockerClient) -> str:
    with engine_errors("reading the engine version"):
        return client.version().get("Version", "?")


def image_status(client: docker.DockerClient, name: str = image.DEFAULT) -> tuple[str, bool]:
    tag = image.image_tag(name)
    return tag, image.image_present(client, tag)
