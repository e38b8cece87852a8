#!/usr/bin/env bash
# ctest packaging/metadata: the desktop file and AppStream metainfo in the source tree are
# valid, name the same application, and the newest release is the project's version.
# Usage: check-metadata.sh <source dir> <project version>
set -euo pipefail

src=${1:?source dir}
version=${2:?project version}
id=org.utilitydesk.UtilityDesk
desktop=$src/installer/$id.desktop
metainfo=$src/installer/$id.metainfo.xml
icon=$src/resources/icons/$id.svg
failed=0

fail() { echo "FAIL: $*" >&2; failed=1; }

for f in "$desktop" "$metainfo" "$icon"; do
    [[ -f $f ]] || fail "missing $f"
done
[[ $failed -eq 0 ]] || exit 1

appstreamcli validate --no-net --strict "$metainfo" || fail "appstreamcli rejects $metainfo"
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$desktop" || fail "desktop-file-validate rejects $desktop"
else
    fail "desktop-file-validate is missing (install desktop-file-utils, see installer/install-deps.sh)"
fi
xmllint --noout "$icon" || fail "$icon is not well-formed XML"

grep -qx "Icon=$id" "$desktop" || fail "$desktop must say Icon=$id"
grep -qx "Exec=utilitydesk" "$desktop" || fail "$desktop must say Exec=utilitydesk"
grep -q "<launchable type=\"desktop-id\">$id.desktop</launchable>" "$metainfo" \
    || fail "$metainfo must launch $id.desktop"
# Releases are listed newest first; the first one must be the version being built.
newest=$(grep -o '<release version="[^"]*"' "$metainfo" | head -n1 | cut -d'"' -f2)
[[ $newest == "$version" ]] \
    || fail "$metainfo lists release '$newest' first, but the project version is $version: add a <release> entry"

[[ $failed -eq 0 ]] && echo "desktop file, metainfo and icon are valid for version $version"
exit $failed
