#!/usr/bin/env bash
# Installs the dependencies, builds UtilityDesk (Release), creates a demo database on first use
# and opens the application on it. Extra arguments are passed to the application.
#   UD_BUILD_DIR  build folder (default: <repository>/build)
#   UD_JOBS       parallel build jobs (default: 2)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${UD_BUILD_DIR:-$repo/build}
jobs=${UD_JOBS:-2}

"$repo/installer/install-deps.sh"

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}"
cmake --build "$build" -j "$jobs"

app=$build/app/utilitydesk
data=${XDG_DATA_HOME:-$HOME/.local/share}/UtilityDesk
db=$data/demo.db
url=sqlite://$db
if [[ ! -f $db ]]; then
    mkdir -p "$data"
    echo "Creating the demo database $db ..."
    # A half-filled database would be reused next time, so remove it if the demo fails.
    if ! "$app" demo --database "$url" --customers 2000 --seed 1; then
        rm -f "$db" "$db-wal" "$db-shm"
        echo "run-app: could not create the demo database $db" >&2
        exit 1
    fi
fi

if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} && -z ${QT_QPA_PLATFORM:-} ]]; then
    echo "run-app: no display (DISPLAY and WAYLAND_DISPLAY are unset). The build and the demo" >&2
    echo "database are ready; from a desktop session run:" >&2
    echo "  $app --database $url" >&2
    exit 1
fi
echo "Opening UtilityDesk on $url"
exec "$app" --database "$url" "$@"
