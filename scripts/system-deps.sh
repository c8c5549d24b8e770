#!/usr/bin/env bash
# Installs the Debian packages Qt needs, the desktop-file and AppStream validators, and the
# PostgreSQL server the team-library tests start for themselves, and a C compiler with
# SQLite's headers for Reader's native helpers, when they are missing. As root with apt-get it installs them;
# otherwise it prints the one command a person should run. Safe to run again: it only acts on
# what is missing.
set -euo pipefail

packages=(libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0 fonts-dejavu-core
          postgresql
          desktop-file-utils appstream
          binutils  # objdump, which PyInstaller needs for `make bundle` and its test
          gcc libc6-dev libsqlite3-dev)  # to build src/reader/native
if [ "${1:-}" = "--xvfb" ]; then
  packages+=(xvfb libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-randr0
             libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1)
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "setup: not a Debian-like system; install Qt's runtime libraries and a font with your package manager" >&2
  exit 0
fi

missing=()
# Debian's own Python needs python3-venv before `python3 -m venv` works.
if ! "${PYTHON:-python3}" -c "import ensurepip, venv" >/dev/null 2>&1; then
  missing+=(python3-venv)
fi
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  case "$status" in *"install ok installed"*) ;; *) missing+=("$p") ;; esac
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "setup: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "setup: Qt needs system libraries; run: sudo apt-get install -y ${missing[*]}" >&2
fi
