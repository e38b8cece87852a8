#!/usr/bin/env bash
# Builds the Debian package with CPack, unpacks it into a scratch root and checks what a user
# installing it would get: the files, the dependencies, and a binary that runs from there.
# Usage: tests/packaging/check-deb.sh <build dir>      (run by tests/run-tests.sh after ctest)
set -euo pipefail

build=$(cd "${1:?usage: check-deb.sh <build dir>}" && pwd)
cache=$build/CMakeCache.txt
[[ -f $cache ]] || { echo "FAIL: $build is not a configured build folder (no CMakeCache.txt)" >&2; exit 1; }
cache_value() { sed -n "s/^$1:[A-Z]*=//p" "$cache" | head -n1; }
version=$(cache_value CMAKE_PROJECT_VERSION)
src=$(cache_value UtilityDesk_SOURCE_DIR)
id=org.utilitydesk.UtilityDesk

scratch=$(mktemp -d "${TMPDIR:-/tmp}/utilitydesk-deb.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
failed=0
fail() { echo "FAIL: $*" >&2; failed=1; }

echo "== cpack -G DEB in $build"
rm -f "$build"/utilitydesk_*.deb
(cd "$build" && cpack -G DEB) || { echo "FAIL: cpack could not build the package" >&2; exit 1; }
debs=("$build"/utilitydesk_*.deb)
[[ -f ${debs[0]} && ${#debs[@]} -eq 1 ]] || { echo "FAIL: expected one utilitydesk_*.deb in $build" >&2; exit 1; }
deb=${debs[0]}
echo "== checking $(basename "$deb")"

[[ $(dpkg-deb -f "$deb" Package) == utilitydesk ]] || fail "package name is not utilitydesk"
[[ $(dpkg-deb -f "$deb" Version) == "$version" ]] \
    || fail "package version $(dpkg-deb -f "$deb" Version) is not the project version $version"
depends=$(dpkg-deb -f "$deb" Depends)
for dep in libqt6core6 libqt6widgets6 libqt6sql6 libqt6sql6-sqlite libqt6sql6-psql libqt6svg6 \
           libssl3 qt6-translations-l10n fonts-noto-cjk libqt6webenginecore6-bin; do
    grep -Eq "(^|, )$dep( |,|$)" <<<"$depends" || fail "Depends lacks $dep: $depends"
done
outside=$(dpkg-deb -c "$deb" | awk '{print $6}' \
    | grep -Ev '^\./(usr(/.*)?)?$|^\./etc/(default/(utilitydesk-meter-sync)?)?$' || true)
[[ -z $outside ]] || fail "the package installs files outside /usr (and its /etc/default file): $outside"
conffiles=$(dpkg-deb -I "$deb" conffiles 2>/dev/null || true)
[[ $conffiles == /etc/default/utilitydesk-meter-sync ]] \
    || fail "the service settings are not a conffile (conffiles: $conffiles)"

root=$scratch/root
dpkg-deb -x "$deb" "$root"
expect=(
    usr/bin/utilitydesk
    "usr/share/applications/$id.desktop"
    "usr/share/icons/hicolor/scalable/apps/$id.svg"
    "usr/share/metainfo/$id.metainfo.xml"
    usr/share/utilitydesk/translations/utilitydesk_zh_CN.qm
    usr/share/utilitydesk/translations/utilitydesk_es.qm
    usr/share/utilitydesk/translations/utilitydesk_en.qm
    usr/share/utilitydesk/sql/README.md
    usr/lib/systemd/system/utilitydesk-meter-sync.service
    etc/default/utilitydesk-meter-sync
)
for f in "$src"/sql/*.sql; do
    expect+=("usr/share/utilitydesk/sql/$(basename "$f")")
done
for f in "${expect[@]}"; do
    [[ -f $root/$f ]] || fail "the package lacks /$f"
done
[[ -x $root/usr/bin/utilitydesk ]] || { echo "FAIL: /usr/bin/utilitydesk is not executable" >&2; exit 1; }
# Debian packages find their libraries in the system folders; an RPATH would override them.
if rpath=$(readelf -d "$root/usr/bin/utilitydesk" | grep -E 'RPATH|RUNPATH'); then
    fail "the installed binary carries a library search path: $rpath"
fi

appstreamcli validate --no-net --strict "$root/usr/share/metainfo/$id.metainfo.xml" \
    || fail "appstreamcli rejects the installed metainfo"
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$root/usr/share/applications/$id.desktop" \
        || fail "desktop-file-validate rejects the installed desktop file"
else
    fail "desktop-file-validate is missing (install desktop-file-utils)"
fi

# Run the packaged binary with a scratch home so nothing touches the caller's settings or key.
export HOME=$scratch/home XDG_CONFIG_HOME=$scratch/home/.config XDG_DATA_HOME=$scratch/home/.local/share
unset XDG_RUNTIME_DIR UTILITYDESK_MASTER_KEY
mkdir -p "$HOME"
export QT_QPA_PLATFORM=offscreen

echo "== /usr/bin/utilitydesk --version"
if out=$("$root/usr/bin/utilitydesk" --version 2>&1); then
    echo "$out"
    grep -q "$version" <<<"$out" || fail "'utilitydesk --version' printed '$out', not the version $version"
else
    fail "'utilitydesk --version' exited with $?: $out"
fi

# The packaged binary must create the full schema from the migrations it carries.
echo "== /usr/bin/utilitydesk migrate"
db=$scratch/smoke.db
if out=$("$root/usr/bin/utilitydesk" migrate --database "sqlite://$db" 2>&1); then
    echo "$out"
    expected=$(for f in "$src"/sql/[0-9]*.sql; do basename "$f" | cut -d_ -f1; done | sort -u | wc -l)
    applied=$(sqlite3 "$db" 'SELECT count(*) FROM schema_migrations;' 2>&1) \
        || fail "cannot read schema_migrations from $db: $applied"
    [[ $applied == "$expected" ]] || fail "migrate applied $applied migrations, sql/ holds $expected"
else
    fail "'utilitydesk migrate' exited with an error: $out"
fi

# The service runs a command the packaged binary has.
echo "== utilitydesk-meter-sync.service"
unit=$root/usr/lib/systemd/system/utilitydesk-meter-sync.service
grep -q '^ExecStart=/usr/bin/utilitydesk .*meter-sync --watch' "$unit" || fail "the service does not run utilitydesk meter-sync"
# The help is read whole first: with pipefail, grep -q leaving early would make the binary's
# last writes fail (SIGPIPE) and the check with it, the longer the help the likelier.
help=$("$root/usr/bin/utilitydesk" --help 2>&1) || fail "'utilitydesk --help' failed: $help"
grep -qE '^  meter-sync \[--watch' <<<"$help" || fail "the packaged binary has no meter-sync command"
mkdir -p "$scratch/inbox"
if ! out=$("$root/usr/bin/utilitydesk" --database "sqlite://$db" meter-sync --watch "$scratch/inbox" --once 2>&1); then
    fail "'utilitydesk meter-sync --once' on an empty folder failed: $out"
fi

[[ $failed -eq 0 ]] && echo "== package OK: $deb"
exit $failed
