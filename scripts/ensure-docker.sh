#!/usr/bin/env bash
# Make sure a Docker engine answers. As root on Debian: install docker.io when
# missing and start dockerd in the background. Otherwise say what to do.
set -euo pipefail

engine_up() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }

if engine_up; then exit 0; fi

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  cat >&2 <<'MSG'
The Docker engine is not reachable, and this script can only install and start it as root on Debian.
Do one of these, then run make again:
  - as root:  apt-get install -y docker.io && dockerd &
  - or ask an administrator to start dockerd and add your user to the docker group
    (sudo usermod -aG docker "$USER", then log in again).
MSG
  exit 1
fi

if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
  echo "installing docker.io ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
fi

if ! pgrep -x dockerd >/dev/null 2>&1; then
  echo "starting dockerd in the background (log: /var/log/techscreen-dockerd.log) ..."
  nohup setsid dockerd >/var/log/techscreen-dockerd.log 2>&1 </dev/null &
fi

for _ in $(seq 1 60); do
  if engine_up; then echo "Docker engine is up"; exit 0; fi
  sleep 1
done
echo "dockerd did not answer within 60 s; see /var/log/techscreen-dockerd.log" >&2
tail -n 20 /var/log/techscreen-dockerd.log >&2 || true
exit 1
