#!/usr/bin/env bash
# Installs (from Debian's packages) and starts the services the test suite talks to:
# PostgreSQL and Redis. Idempotent: on a machine that already runs them it only checks.
set -euo pipefail

log() { printf '[ensure-services] %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

# promtool validates the /metrics exposition in the tests (Debian's prometheus package).
if ! command -v promtool >/dev/null 2>&1; then
  log "installing prometheus (for promtool)"
  apt_install --no-install-recommends prometheus
fi

# Redis
if ! command -v redis-server >/dev/null 2>&1; then
  log "installing redis-server"; apt_install redis-server
fi
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  log "starting redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
fi

# PostgreSQL
if ! command -v pg_lsclusters >/dev/null 2>&1; then
  log "installing postgresql"; apt_install postgresql
fi
pg_version=$(ls /etc/postgresql | sort -V | tail -n 1)
if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  log "starting postgresql $pg_version"
  as_root pg_ctlcluster --skip-systemctl-redirect "$pg_version" main start
fi

up=0
for i in $(seq 1 30); do
  if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && pg_isready -h 127.0.0.1 -p 5432 -q; then
    up=1; break
  fi
  sleep 1
done
[ "$up" -eq 1 ] || { log "services did not come up"; exit 1; }
log "redis and postgresql are up"

# pgvector for the semantic cache (built from Debian source packages; a no-op when present).
bash "$(dirname "$0")/install-pgvector.sh"
log "pgvector available"
