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

# An installation that was cut off (a test run killed while the installer test had our own .deb
# half installed) leaves dpkg refusing every further install. As root, our own half-installed test
# packages are purged and what was unpacked but not configured is configured; another package's
# trouble is left to the administrator, with dpkg's own message.
repair_dpkg() {
  [ "$(id -u)" = 0 ] || return 0
  [ -z "$(dpkg --audit 2>/dev/null)" ] && return 0
  local package status
  for package in $(dpkg-query -W -f='${Package}\n' 'schrijfhulp*' 2>/dev/null); do
    status="$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)"
    case "$status" in
      *" installed") ;;
      *" not-installed") ;;
      *)
        say "half geïnstalleerd testpakket $package verwijderen ($status)"
        dpkg --purge --force-remove-reinstreq "$package" >/dev/null 2>&1 || true ;;
    esac
  done
  say "onderbroken installatie afmaken (dpkg --configure -a)"
  DEBIAN_FRONTEND=noninteractive dpkg --configure -a
}

ensure_debs() {
  command -v dpkg-query >/dev/null || { say "geen Debian-systeem: systeempakketten overgeslagen"; return 0; }
  repair_dpkg
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

# llama.cpp for every laptop, built once into the project's wheelhouse .wheels/: a baseline x86-64
# build (GGML_NATIVE=OFF) whose CPU back-end exists in variants (x64, sse42, haswell, skylakex, ...)
# that llama.cpp picks from at run time (GGML_BACKEND_DL, GGML_CPU_ALL_VARIANTS); the variants are
# installed next to libllama (CMAKE_INSTALL_BINDIR), where desktop/core/model/runtime.py loads them.
# The dev venv, the tests and the installer all use this one build. pip's own wheel cache ignores
# CMAKE_ARGS, so the wheel is built without it and remembered with its arguments.
LLAMA_VERSION="0.3.36"
LLAMA_CMAKE_ARGS='-DGGML_NATIVE=OFF -DGGML_BACKEND_DL=ON -DGGML_CPU_ALL_VARIANTS=ON -DCMAKE_INSTALL_BINDIR=llama_cpp/lib -DCMAKE_INSTALL_RPATH=$ORIGIN'
WHEELS="$ROOT/.wheels"

llama_wheel() { ls "$WHEELS"/llama_cpp_python-"$LLAMA_VERSION"-*.whl 2>/dev/null | head -n 1; }

ensure_llama_wheel() {
  local args_file="$WHEELS/llama_cpp_python-$LLAMA_VERSION.cmake-args"
  if [ -n "$(llama_wheel)" ] && [ "$(cat "$args_file" 2>/dev/null)" = "$LLAMA_CMAKE_ARGS" ]; then
    return 0
  fi
  say "llama.cpp $LLAMA_VERSION bouwen voor elke processor (eenmalig, op 2 kernen ongeveer tien minuten)"
  mkdir -p "$WHEELS"
  rm -f "$WHEELS"/llama_cpp_python-*.whl "$args_file"
  CMAKE_ARGS="$LLAMA_CMAKE_ARGS" "$VENV/bin/python" -m pip wheel --quiet --no-cache-dir --no-deps \
    --no-binary llama-cpp-python --wheel-dir "$WHEELS" "llama-cpp-python==$LLAMA_VERSION"
  printf '%s' "$LLAMA_CMAKE_ARGS" >"$args_file"
}

# Install the wheelhouse's llama-cpp-python into the venv unless that exact wheel is installed.
ensure_llama_installed() {
  local wheel stamp="$VENV/.installed-llama" want
  wheel="$(llama_wheel)"
  want="$(sha256sum "$wheel" | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "llama.cpp installeren uit $(basename "$wheel")"
    "$VENV/bin/python" -m pip install --quiet --force-reinstall --no-deps "$wheel"
    printf '%s' "$want" >"$stamp"
  fi
}

# ensure_python_packages EXTRA: pip install -e ".[EXTRA]" when pyproject.toml changed since the last time,
# with llama-cpp-python from the project's wheelhouse.
ensure_python_packages() {
  local extra="$1" spec="." stamp want
  [ -n "$extra" ] && spec=".[$extra]"
  ensure_llama_wheel
  ensure_llama_installed
  stamp="$VENV/.installed-${extra:-app}"
  want="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "Python-pakketten installeren ($spec)"
    (cd "$ROOT" && "$VENV/bin/python" -m pip install --quiet --find-links "$WHEELS" --editable "$spec")
    printf '%s' "$want" >"$stamp"
  fi
}

ensure_model() {
  "$VENV/bin/python" "$ROOT/scripts/assemble_model.py"
}
