#!/usr/bin/env bash
# Make sure Redis answers on 127.0.0.1:6379 (redis://127.0.0.1:6379), the broker the tests' Celery parts use.
# As root on Debian: install redis-server when missing and start it in the background as the redis user,
# listening on loopback only, keeping nothing on disk. Quick when it answers already.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
PORT=6379
LOG=/var/log/redis/techscreen-redis.log

answers() { [ "$(redis-cli -h 127.0.0.1 -p $PORT ping 2>/dev/null)" = PONG ]; }

if command -v redis-cli >/dev/null 2>&1 && answers; then exit 0; fi

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  cat >&2 <<MSG
Redis does not answer on 127.0.0.1:$PORT, and this script can only install and start it as root on Debian.
Do one of these, then run make again:
  - as root:  make services
  - or ask an administrator for a Redis on 127.0.0.1:$PORT.
MSG
  exit 1
fi

"$HERE/ensure-debian-packages.sh" redis-server

echo "starting redis-server in the background on 127.0.0.1:$PORT (log: $LOG) ..."
install -d -o redis -g redis /run/redis /var/lib/redis /var/log/redis
runuser -u redis -- redis-server --daemonize yes --bind 127.0.0.1 --port $PORT --protected-mode yes \
  --dir /var/lib/redis --save '' --appendonly no --logfile $LOG --pidfile /run/redis/techscreen-redis.pid

for _ in $(seq 1 30); do
  if answers; then echo "Redis is up: redis://127.0.0.1:$PORT"; exit 0; fi
  sleep 1
done
echo "redis-server did not answer on 127.0.0.1:$PORT within 30 s; see $LOG" >&2
tail -n 20 $LOG >&2 || true
exit 1
