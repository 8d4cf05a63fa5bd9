#!/usr/bin/env bash
# Make sure PostgreSQL answers on 127.0.0.1:5432 with techscreen's login role and database
# (postgresql+psycopg://techscreen:techscreen@127.0.0.1:5432/techscreen), for the tests and for trying
# DATABASE_URL by hand. As root on Debian: install postgresql when missing, start its cluster in the
# background listening on loopback only, and create the role (CREATEDB: the tests make a database each).
# Quick when all that is done already.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
PORT=5432
ROLE=techscreen
PASSWORD=techscreen
DATABASE=techscreen

signs_in() { PGPASSWORD=$PASSWORD psql -h 127.0.0.1 -p $PORT -U $ROLE -d $DATABASE -qAtc 'SELECT 1' >/dev/null 2>&1; }
answers() { pg_isready -q -h 127.0.0.1 -p $PORT; }

if command -v psql >/dev/null 2>&1 && signs_in; then exit 0; fi

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  cat >&2 <<MSG
PostgreSQL does not let $ROLE sign in on 127.0.0.1:$PORT, and this script can only install and start it as root
on Debian. Do one of these, then run make again:
  - as root:  make services
  - or ask an administrator for a PostgreSQL on 127.0.0.1:$PORT with a login role $ROLE (password $PASSWORD,
    CREATEDB) owning a database $DATABASE.
MSG
  exit 1
fi

"$HERE/ensure-debian-packages.sh" postgresql

# The cluster on our port; a new one (the newest installed version) when there is none.
cluster=$(pg_lsclusters --no-header | awk -v port=$PORT '$3 == port {print $1, $2; exit}')
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  echo "creating PostgreSQL $version cluster 'main' on port $PORT ..."
  pg_createcluster --port $PORT "$version" main >/dev/null
  cluster="$version main"
fi

if ! answers; then
  echo "starting PostgreSQL $cluster in the background on 127.0.0.1:$PORT (log: /var/log/postgresql/) ..."
  # shellcheck disable=SC2086  # "$version $name"
  pg_ctlcluster $cluster start -- -o "-c listen_addresses=127.0.0.1" || true  # 2: already starting
fi

for _ in $(seq 1 60); do
  answers && break
  sleep 1
done
if ! answers; then
  echo "PostgreSQL ($cluster) did not answer on 127.0.0.1:$PORT within 60 s; see /var/log/postgresql/" >&2
  tail -n 20 /var/log/postgresql/postgresql-${cluster// /-}.log >&2 || true
  exit 1
fi

as_postgres() { runuser -u postgres -- psql -p $PORT -v ON_ERROR_STOP=1 -qAt "$@"; }
if [ -z "$(as_postgres -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" ]; then
  as_postgres -c "CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD'"
else
  as_postgres -c "ALTER ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD'"  # it could not sign in: set it right
fi
if [ -z "$(as_postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" ]; then
  as_postgres -c "CREATE DATABASE $DATABASE OWNER $ROLE"
fi
if ! signs_in; then
  echo "PostgreSQL answers but $ROLE cannot sign in on 127.0.0.1:$PORT: check pg_hba.conf (password sign-in" \
       "for 127.0.0.1/32)" >&2
  exit 1
fi
echo "PostgreSQL is up: postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DATABASE"
