#!/usr/bin/env bash
# Installs bubblewrap and the language toolchains the execution sandbox runs (Debian apt only).
# Idempotent: when every package is already installed it returns without touching apt.
set -euo pipefail

PACKAGES=(
    bubblewrap util-linux libseccomp2 python3-seccomp
    python3 nodejs gcc g++ default-jdk-headless golang-go rustc
    ruby bash php-cli perl lua5.4
    mono-mcs mono-runtime kotlin scala ghc ocaml-nox elixir erlang-nox clojure r-base-core
    gfortran fp-compiler sbcl gdc nasm swi-prolog-nox gnucobol3 gobjc groovy nim tcl guile-3.0
    racket octave python3-numpy python3-pandas sqlite3
)

missing=()
for pkg in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done

# TypeScript from npm (Debian's 4.8 lacks @types/node); /usr/local is bound read-only in the sandbox.
NPM_PACKAGES=(typescript@5.9.3 @types/node@20.19.43)
NPM_PREFIX=/usr/local

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

if [ "${#missing[@]}" -gt 0 ]; then
    echo "toolchains: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    if ! $SUDO apt-get install -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}"; then
        $SUDO apt-get update -q -o DPkg::Lock::Timeout=600
        $SUDO apt-get install -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}"
    fi
fi

command -v npm >/dev/null || { echo "toolchains: npm missing (it ships with the nodejs package from NodeSource)" >&2; exit 1; }
if [ "$("$NPM_PREFIX/bin/tsc" --version 2>/dev/null)" != "Version 5.9.3" ] \
    || [ ! -f "$NPM_PREFIX/lib/node_modules/@types/node/package.json" ]; then
    echo "toolchains: installing ${NPM_PACKAGES[*]} (npm)"
    $SUDO npm install --global --prefix "$NPM_PREFIX" --no-fund --no-audit "${NPM_PACKAGES[@]}"
fi
# Compile caches (scripts/compile-caches/build.sh): built when missing or older than a toolchain.
caches=/usr/local/lib/codecollab
if [ ! -f "$caches/typescript.blob" ] || [ ! -f "$caches/javac.jsa" ] || [ ! -d "$caches/pch" ] \
    || [ "$(readlink -f "$(command -v node)")" -nt "$caches/typescript.blob" ] \
    || [ "$(readlink -f "$(command -v javac)")" -nt "$caches/javac.jsa" ] \
    || [ "$(readlink -f "$(command -v g++)")" -nt "$caches/pch" ]; then
    echo "toolchains: building the compile caches"
    $SUDO sh "$(dirname "$0")/../compile-caches/build.sh" /usr/local
fi
echo "toolchains: ready"
