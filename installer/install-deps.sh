#!/usr/bin/env bash
# Installs everything UtilityDesk needs to build, run and test on Debian 12 (bookworm).
# Does nothing when every package is already installed, so it is cheap to run before each build
# and works for developers without root. Set UD_FORCE_APT=1 to run apt-get regardless.
set -euo pipefail

packages=(
    # build
    build-essential cmake ninja-build pkg-config ccache file
    # Qt 6: Widgets, Sql with the SQLite and PostgreSQL drivers, Charts, WebEngine, Linguist
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqt6sql6-psql libqt6svg6
    qt6-charts-dev qt6-webengine-dev qt6-webengine-dev-tools
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    libgl-dev libvulkan-dev
    # libraries
    libssl-dev libcurl4-openssl-dev libpq-dev libphonenumber-dev libsqlite3-dev
    # running and testing: database servers and shells, a font for Chinese, a virtual display
    sqlite3 postgresql-15 fonts-noto-cjk xvfb xauth
    # packaging checks
    dpkg-dev appstream desktop-file-utils libxml2-utils
)

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [[ $status == installed ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 && ${UD_FORCE_APT:-0} != 1 ]]; then
    echo "install-deps: all ${#packages[@]} packages are installed."
    exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
    as_root=()
elif command -v sudo >/dev/null; then
    echo "install-deps: installing ${missing[*]:-all packages} with sudo."
    as_root=(sudo)
else
    echo "install-deps: these packages are missing and you are not root (and sudo is not available):" >&2
    echo "  ${missing[*]}" >&2
    echo "Ask an administrator to run: apt-get install ${missing[*]}" >&2
    exit 1
fi

"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${packages[@]}"
echo "install-deps: done."
