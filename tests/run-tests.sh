#!/usr/bin/env bash
# Installs the dependencies, builds UtilityDesk with warnings as errors, starts a throw-away
# PostgreSQL 15 cluster, runs every test on SQLite and PostgreSQL, then builds the Debian package
# and checks it. Exits non-zero if anything fails. Works from any directory.
#   UD_BUILD_DIR  build folder (default: <repository>/build)
#   UD_JOBS       parallel build and test jobs (default: 2)
#   UD_PG_PORT    first port to try for the test cluster (default: 54330; the next free one is used)
#   UD_PG_BIN     PostgreSQL server binaries (default: /usr/lib/postgresql/15/bin)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${UD_BUILD_DIR:-$repo/build}
jobs=${UD_JOBS:-2}
pg_port=${UD_PG_PORT:-54330}
pg_bin=${UD_PG_BIN:-/usr/lib/postgresql/15/bin}

step() { echo; echo "==== $*"; }

step "Dependencies"
"$repo/installer/install-deps.sh"

step "Configure and build in $build"
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DUD_WARNINGS_AS_ERRORS=ON "${launcher[@]}"
cmake --build "$build" -j "$jobs"

# ---- throw-away PostgreSQL cluster -------------------------------------------------------------
# initdb and postgres refuse to run as root, so root runs them as the postgres user. The cluster
# lives in /tmp/utilitydesk-pg.XXXXXX (readable by that user whatever TMPDIR says) together with
# the PID of this script, so a later run can tell a cluster left by a killed run from one that
# a concurrent run is still using.
if [[ $(id -u) -eq 0 ]]; then
    pg_user=postgres
    as_pg() { (cd / && runuser -u postgres -- "$@"); }
else
    pg_user=$(id -un)
    as_pg() { "$@"; }
fi
[[ -x $pg_bin/initdb && -x $pg_bin/pg_ctl ]] \
    || { echo "run-tests: PostgreSQL 15 server binaries not found in $pg_bin (package postgresql-15)" >&2; exit 1; }

stop_cluster() {
    local dir=$1
    if [[ -f $dir/data/postmaster.pid ]]; then
        as_pg "$pg_bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
            || as_pg "$pg_bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir" 2>/dev/null || echo "run-tests: could not remove $dir" >&2
}

for old in /tmp/utilitydesk-pg.*; do
    [[ -d $old ]] || continue
    [[ -O $old || $(id -u) -eq 0 ]] || continue
    owner=$(cat "$old/owner.pid" 2>/dev/null || true)
    if [[ -z $owner ]] || ! kill -0 "$owner" 2>/dev/null; then
        echo "run-tests: removing the cluster a previous run left in $old"
        stop_cluster "$old"
    fi
done

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for ((tries = 0; tries < 100; tries++)); do
    port_in_use "$pg_port" || break
    pg_port=$((pg_port + 1))
done
port_in_use "$pg_port" && { echo "run-tests: no free port found for PostgreSQL" >&2; exit 1; }

pg_dir=$(mktemp -d /tmp/utilitydesk-pg.XXXXXX)
echo $$ >"$pg_dir/owner.pid"
scratch=$pg_dir/home   # settings, keys and caches of the tests stay out of the real home
mkdir -p "$scratch/config" "$scratch/data" "$scratch/cache" "$scratch/runtime"
chmod 0700 "$scratch/runtime"
chmod 0755 "$pg_dir"
[[ $(id -u) -eq 0 ]] && chown "$pg_user" "$pg_dir"

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -n ${pg_dir:-} && -d $pg_dir ]]; then
        echo "run-tests: stopping the PostgreSQL cluster on port $pg_port"
        stop_cluster "$pg_dir"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "PostgreSQL 15 on 127.0.0.1:$pg_port ($pg_dir)"
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C -N --no-instructions >"$pg_dir/initdb.log" 2>&1 \
    || { cat "$pg_dir/initdb.log" >&2; echo "run-tests: initdb failed" >&2; exit 1; }
as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/data/server.log" -w -t 60 \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null \
    || { cat "$pg_dir/data/server.log" >&2 || true; echo "run-tests: PostgreSQL did not start" >&2; exit 1; }

export UD_TEST_PG_URL="postgresql://postgres@127.0.0.1:$pg_port/postgres"
export QT_QPA_PLATFORM=offscreen
export QTWEBENGINE_CHROMIUM_FLAGS=--no-sandbox
export XDG_CONFIG_HOME=$scratch/config XDG_DATA_HOME=$scratch/data XDG_CACHE_HOME=$scratch/cache
export XDG_RUNTIME_DIR=$scratch/runtime

failures=()
step "ctest (UD_TEST_PG_URL=$UD_TEST_PG_URL)"
(cd "$build" && ctest --output-on-failure -j "$jobs") || failures+=("ctest")

step "Debian package"
"$repo/tests/packaging/check-deb.sh" "$build" || failures+=("package check")

echo
if [[ ${#failures[@]} -gt 0 ]]; then
    echo "run-tests: FAILED: ${failures[*]}" >&2
    exit 1
fi
echo "run-tests: all tests passed and the package is good."
