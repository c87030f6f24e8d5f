#!/bin/sh
# Installer run by the self-extracting kquiz-<version>-linux-x86_64.run (makeself).
# Installs for the current user (default prefix ~/.local) or system-wide with --prefix /usr/local as root.
#   ./kquiz-X-linux-x86_64.run                     # -> ~/.local/opt/kquiz, ~/.local/bin/kquiz
#   ./kquiz-X-linux-x86_64.run -- --prefix DIR     # -> DIR/opt/kquiz, DIR/bin/kquiz
#   ~/.local/opt/kquiz/uninstall.sh                # removes what this script installed
set -eu

prefix="${HOME}/.local"
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix="$2"; shift 2 ;;
        --prefix=*) prefix="${1#--prefix=}"; shift ;;
        -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

here="$(cd "$(dirname "$0")" && pwd)"
app="${prefix}/opt/kquiz"
bin="${prefix}/bin"
apps="${prefix}/share/applications"
icons="${prefix}/share/icons/hicolor"

echo "Installing kquiz into ${app}"
mkdir -p "${prefix}/opt" "${bin}" "${apps}" "${icons}/256x256/apps" "${icons}/512x512/apps" "${icons}/scalable/apps"
rm -rf "${app}.new"
cp -R "${here}/kquiz" "${app}.new"
rm -rf "${app}"
mv "${app}.new" "${app}"
ln -sf "${app}/kquiz" "${bin}/kquiz"
cp "${here}/share/kquiz-256.png" "${icons}/256x256/apps/kquiz.png"
cp "${here}/share/kquiz.png" "${icons}/512x512/apps/kquiz.png"
cp "${here}/share/kquiz.svg" "${icons}/scalable/apps/kquiz.svg"
# The desktop entry points at the installed executable, so it works without ${bin} on PATH.
sed "s|^Exec=kquiz|Exec=${app}/kquiz|; s|^TryExec=kquiz|TryExec=${app}/kquiz|" \
    "${here}/share/kquiz.desktop" > "${apps}/kquiz.desktop"
cat > "${app}/uninstall.sh" <<UNINSTALL
#!/bin/sh
# Remove kquiz installed by the .run installer. Your decks and progress are kept.
rm -f "${bin}/kquiz" "${apps}/kquiz.desktop" "${icons}/256x256/apps/kquiz.png" \\
      "${icons}/512x512/apps/kquiz.png" "${icons}/scalable/apps/kquiz.svg"
rm -rf "${app}"
echo "kquiz removed."
UNINSTALL
chmod 755 "${app}/uninstall.sh"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "${apps}" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "${icons}" || true
echo "Done. Start kquiz from your applications menu or run: ${bin}/kquiz"
echo "Uninstall with: ${app}/uninstall.sh"
