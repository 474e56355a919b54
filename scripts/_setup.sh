# Shared set-up for scripts/run and scripts/test (sourced, not executed).
#
# Creates or reuses .venv, installs the Debian packages it needs when running as root and they are
# missing, installs the Python packages when pyproject.toml changed since the last install, and
# assembles the embedded model. Every step checks before it works, so a second run is fast.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PYTHON="${PYTHON:-python3}"

say() { printf '\033[1m[schrijfhulp]\033[0m %s\n' "$*" >&2; }

# Packages the app needs at run time (Qt's xcb platform) and to build llama-cpp-python from source.
DEBS_RUN=(build-essential cmake python3-venv python3-dev libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0
  libfontconfig1 libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 fonts-dejavu-core)

missing_debs() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || printf '%s ' "$pkg"
  done
}

ensure_debs() {
  command -v dpkg-query >/dev/null || { say "geen Debian-systeem: systeempakketten overgeslagen"; return 0; }
  local missing
  missing="$(missing_debs "$@")"
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" = 0 ]; then
    say "Debian-pakketten installeren: $missing"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    say "ontbrekende Debian-pakketten (installeer ze als beheerder): $missing"
  fi
}

ensure_venv() {
  if [ ! -x "$VENV/bin/python" ]; then
    say "virtuele omgeving maken in $VENV"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip setuptools wheel
  fi
}

# ensure_python_packages EXTRA: pip install -e ".[EXTRA]" when pyproject.toml changed since the last time.
ensure_python_packages() {
  local extra="$1" spec="." stamp want
  [ -n "$extra" ] && spec=".[$extra]"
  stamp="$VENV/.installed-${extra:-app}"
  want="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "Python-pakketten installeren ($spec; de eerste keer bouwt llama.cpp ongeveer 15 minuten)"
    (cd "$ROOT" && "$VENV/bin/python" -m pip install --quiet --editable "$spec")
    printf '%s' "$want" >"$stamp"
  fi
}

ensure_model() {
  "$VENV/bin/python" "$ROOT/scripts/assemble_model.py"
}
