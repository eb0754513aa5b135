#!/bin/sh
# Install the bundle built by `make package` for every user of this PC:
#   sudo packaging/linux/install.sh [BUNDLE_DIR] [PREFIX]
# BUNDLE_DIR defaults to dist/fluxion-pos, PREFIX to /opt. Run it again to upgrade: the program
# folder is replaced, the store's data (~/.local/share/FluxionPOS of each user) is never touched,
# and the till migrates its database on the next start.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bundle=${1:-$root/dist/fluxion-pos}
prefix=${2:-/opt}
target="$prefix/fluxion-pos"

if [ ! -x "$bundle/fluxion-pos" ]; then
    echo "install.sh: no bundle at $bundle (run 'make package' first)" >&2
    exit 2
fi
rm -rf "$target.new"
cp -a "$bundle" "$target.new"
rm -rf "$target.old"
if [ -d "$target" ]; then mv "$target" "$target.old"; fi
mv "$target.new" "$target"
rm -rf "$target.old"
ln -sf "$target/fluxion-pos" /usr/local/bin/fluxion-pos
install -D -m 644 "$here/fluxion-pos.desktop" /usr/local/share/applications/fluxion-pos.desktop
install -D -m 644 "$root/resources/icons/fluxion-pos.svg" \
    /usr/local/share/icons/hicolor/scalable/apps/fluxion-pos.svg
install -D -m 644 "$root/resources/icons/fluxion-pos.png" \
    /usr/local/share/icons/hicolor/256x256/apps/fluxion-pos.png
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database /usr/local/share/applications || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q /usr/local/share/icons/hicolor || true
fi
echo "Fluxion POS installed in $target; start it from the menu or with 'fluxion-pos'"
