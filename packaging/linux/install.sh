#!/bin/sh
# Install the bundle built by `make package` for every user of this PC:
#   sudo packaging/linux/install.sh [BUNDLE_DIR] [PREFIX]
# BUNDLE_DIR defaults to dist/fluxion-pos, PREFIX to /opt. Run it again to upgrade: the program
# folder is replaced, the store's data (~/.local/share/FluxionPOS of each user) is never touched,
# and the till migrates its database on the next start.
# DESTDIR=STAGING puts every file under STAGING instead of / (for packagers, and the tests); the
# links and the menu entry still name the final paths.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bundle=${1:-$root/dist/fluxion-pos}
prefix=${2:-/opt}
destdir=${DESTDIR:-}
target="$prefix/fluxion-pos"
staged="$destdir$target"

if [ ! -x "$bundle/fluxion-pos" ]; then
    echo "install.sh: no bundle at $bundle (run 'make package' first)" >&2
    exit 2
fi
mkdir -p "$destdir$prefix"
rm -rf "$staged.new"
cp -a "$bundle" "$staged.new"
rm -rf "$staged.old"
if [ -d "$staged" ]; then mv "$staged" "$staged.old"; fi
mv "$staged.new" "$staged"
rm -rf "$staged.old"
mkdir -p "$destdir/usr/local/bin"
ln -sfn "$target/fluxion-pos" "$destdir/usr/local/bin/fluxion-pos"
install -D -m 644 "$here/fluxion-pos.desktop" \
    "$destdir/usr/local/share/applications/fluxion-pos.desktop"
install -D -m 644 "$root/resources/icons/fluxion-pos.svg" \
    "$destdir/usr/local/share/icons/hicolor/scalable/apps/fluxion-pos.svg"
install -D -m 644 "$root/resources/icons/fluxion-pos.png" \
    "$destdir/usr/local/share/icons/hicolor/256x256/apps/fluxion-pos.png"
if [ -z "$destdir" ]; then
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database /usr/local/share/applications || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q /usr/local/share/icons/hicolor || true
    fi
fi
echo "Fluxion POS installed in $staged; start it from the menu or with 'fluxion-pos'"
