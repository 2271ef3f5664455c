#!/usr/bin/env bash
# Builds and installs the pgvector extension for the local PostgreSQL on Debian 12.
#
# Why from source: bookworm has no pgvector package, but trixie has its source (0.8.x), which
# builds against PostgreSQL 15 in seconds. We add trixie as a SOURCE-ONLY apt entry: trixie's
# binary packages would replace libc and openssl (see /work/shared/notes/environment.md).
#
# Idempotent: when the server already offers `vector`, it only says so and exits 0.
# Environment: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), PG_MAJOR (detected).
set -euo pipefail

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
SOURCES_FILE=/etc/apt/sources.list.d/debian.sources
TRIXIE_SOURCES=/etc/apt/sources.list.d/llmgw-trixie-src.sources
TRIXIE_PIN=/etc/apt/preferences.d/llmgw-trixie-src

log() { printf '[install-pgvector] %s\n' "$*"; }
die() { printf '[install-pgvector] ERROR: %s\n' "$*" >&2; exit 1; }
trap 'die "failed at line $LINENO: $BASH_COMMAND"' ERR
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

vector_available() {
  [ "$(psql -d postgres -tAc "select 1 from pg_available_extensions where name='vector'" 2>/dev/null)" = "1" ]
}

# The running server decides which headers we build against; /etc/postgresql is the fallback
# when it is down (e.g. stopped by an earlier, interrupted package upgrade).
detect_major() {
  if [ -n "${PG_MAJOR:-}" ]; then echo "$PG_MAJOR"; return; fi
  local num
  if num=$(psql -d postgres -tAc 'show server_version_num' 2>/dev/null) && [ -n "$num" ]; then
    echo $((num / 10000)); return
  fi
  [ -d /etc/postgresql ] || die "PostgreSQL is not installed (run scripts/ensure-services.sh first)"
  ls /etc/postgresql | sort -V | tail -n 1
}

# Starts every stopped cluster of this major version, then waits until the server answers.
ensure_cluster_running() {
  local major=$1 cluster status
  while read -r _ cluster _ status _; do
    if [ "$status" != "online" ]; then
      log "cluster $major/$cluster is $status: starting it"
      as_root pg_ctlcluster --skip-systemctl-redirect "$major" "$cluster" start
    fi
  done < <(pg_lsclusters --no-header | awk -v m="$major" '$1 == m')
  for _ in $(seq 1 30); do
    if pg_isready -q; then return 0; fi
    sleep 1
  done
  die "PostgreSQL at $PGHOST:$PGPORT is not ready after 30 s"
}

# Prints the trixie deb-src stanza built from the machine's main bookworm stanza: same URIs
# and Signed-By (a path or an inline key, copied verbatim), so mirrors and keys stay the
# machine's own choice. Components: main is where pgvector lives.
trixie_source_stanza() {
  local codename=$1
  awk -v codename="$codename" '
    BEGIN { RS = ""; FS = "\n" }
    {
      types = ""; uris = ""; suites = ""; signed = ""; enabled = "yes"; key = ""
      for (i = 1; i <= NF; i++) {
        line = $i
        if (line ~ /^#/) continue
        if (line ~ /^[ \t]/) { if (key == "signed-by") signed = signed "\n" line; continue }
        colon = index(line, ":"); if (colon == 0) continue
        key = tolower(substr(line, 1, colon - 1))
        value = substr(line, colon + 1); sub(/^[ \t]+/, "", value); sub(/[ \t]+$/, "", value)
        if (key == "types") types = value
        else if (key == "uris") uris = value
        else if (key == "suites") suites = value
        else if (key == "signed-by") signed = value
        else if (key == "enabled") enabled = tolower(value)
      }
      if (enabled == "no" || uris == "") next
      if ((" " types " ") !~ / deb / || (" " suites " ") !~ (" " codename " ")) next
      print "# Added by scripts/install-pgvector.sh: trixie SOURCE packages only (to build pgvector)."
      print "# Never add trixie binary packages here: they would replace libc and openssl."
      print "Types: deb-src"
      print "URIs: " uris
      print "Suites: trixie"
      print "Components: main"
      # An inline key starts on the next line: no space after the colon then.
      if (signed != "") print "Signed-By:" (substr(signed, 1, 1) == "\n" ? "" : " ") signed
      found = 1
      exit
    }
    END { if (!found) exit 3 }
  ' "$SOURCES_FILE"
}

# Writes a root-owned file only when its content changes, so reruns touch nothing.
install_file() {
  local target=$1 content=$2
  if [ -f "$target" ] && [ "$(cat "$target")" = "$content" ]; then
    log "$target is up to date"; return
  fi
  printf '%s\n' "$content" | as_root tee "$target" >/dev/null
  log "wrote $target"
}

check_create_extension() {
  local db="llmgw_pgvector_check_$$"
  psql -d postgres -qv ON_ERROR_STOP=1 -c "create database $db" >/dev/null
  local version status=0
  version=$(psql -d "$db" -qv ON_ERROR_STOP=1 -tAc \
    "create extension if not exists vector; select extversion from pg_extension where extname='vector'") || status=$?
  psql -d postgres -qc "drop database if exists $db" >/dev/null
  [ "$status" -eq 0 ] || die "CREATE EXTENSION vector failed in a scratch database"
  log "CREATE EXTENSION vector works (version $version)"
}

main() {
  command -v psql >/dev/null 2>&1 || die "psql not found (run scripts/ensure-services.sh first)"
  local major
  major=$(detect_major)
  log "PostgreSQL major version: $major"
  ensure_cluster_running "$major"
  if vector_available; then
    log "extension 'vector' is already available: nothing to do"
    exit 0
  fi

  [ -f "$SOURCES_FILE" ] || die "$SOURCES_FILE not found: cannot derive the trixie source entry"
  local codename
  # shellcheck disable=SC1091
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  [ "$codename" = "bookworm" ] || log "warning: expected Debian 12 (bookworm), found '$codename'"
  local stanza
  stanza=$(trixie_source_stanza "$codename") \
    || die "no enabled 'Types: deb' stanza for suite '$codename' in $SOURCES_FILE"
  install_file "$TRIXIE_SOURCES" "$stanza"
  # A safety net: there are no trixie binaries in the lists, but should any appear, never
  # prefer them over bookworm's.
  install_file "$TRIXIE_PIN" "$(printf 'Package: *\nPin: release n=trixie\nPin-Priority: 100')"

  log "apt-get update"
  as_root apt-get update -qq
  log "installing postgresql-server-dev-$major build-essential dpkg-dev"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq \
    "postgresql-server-dev-$major" build-essential dpkg-dev >/dev/null

  local workdir pg_config="/usr/lib/postgresql/$major/bin/pg_config"
  [ -x "$pg_config" ] || die "$pg_config not found after installing postgresql-server-dev-$major"
  workdir=$(mktemp -d)
  # shellcheck disable=SC2064
  trap "rm -rf '$workdir'" EXIT
  log "fetching pgvector source into $workdir"
  if ! (cd "$workdir" && apt-get source -q pgvector >"$workdir/apt-source.log" 2>&1); then
    cat "$workdir/apt-source.log" >&2
    die "apt-get source pgvector failed"
  fi
  local srcdir
  srcdir=$(find "$workdir" -mindepth 1 -maxdepth 1 -type d -name 'pgvector-*' | head -n 1)
  [ -n "$srcdir" ] || die "apt-get source produced no pgvector-* folder"
  log "building $(basename "$srcdir") against $pg_config"
  make -C "$srcdir" -s PG_CONFIG="$pg_config" >/dev/null
  as_root make -C "$srcdir" -s install PG_CONFIG="$pg_config" >/dev/null

  # The dev package can pull a newer server package from bookworm-security, whose upgrade
  # leaves the cluster stopped.
  ensure_cluster_running "$major"
  vector_available || die "extension 'vector' is still not available after make install"
  check_create_extension
  log "done"
}

main "$@"
