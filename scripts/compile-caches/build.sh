#!/bin/sh
# Builds the compile caches the language files use, into PREFIX/lib/codecollab (default
# /usr/local, which every sandbox sees read-only): the annotation processor with which javac
# names the main class (MainClass.java), a class-data-sharing archive of javac, a
# precompiled <bits/stdc++.h> for each C++ standard the language files use and a V8 start-up
# snapshot of the TypeScript checker with its libraries parsed and bound. Each is valid only for
# the exact toolchain (and, for the header, the exact flags) it was built with; a toolchain that
# ignores a stale or missing cache compiles as without it (the TypeScript compile falls back to
# plain tsc). Run again after upgrading a toolchain. Needs write access to PREFIX.
# Usage: build.sh [PREFIX]   (TypeScript is taken from $NODE_MODULES, default /usr/local/lib/node_modules)
set -eu

prefix=${1:-/usr/local}
node_modules=${NODE_MODULES:-/usr/local/lib/node_modules}
here=$(cd "$(dirname "$0")" && pwd)
out="$prefix/lib/codecollab"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
install -d -m 0755 "$out"

# javac: the main-class processor, then a dynamic CDS archive of the classes compiling a hello
# world with it loads (JDK 13+).
if command -v javac >/dev/null; then
    install -d -m 0755 "$out/java"
    javac -d "$out/java" "$here/MainClass.java"
    chmod 0644 "$out/java/MainClass.class"
    printf 'public class Main {\n    public static void main(String[] args) {\n        System.out.println("Hello, World!");\n    }\n}\n' >"$work/Main.java"
    rm -f "$out/javac.jsa"
    (cd "$work" && javac -J-XX:ArchiveClassesAtExit="$out/javac.jsa" -J-XX:+UseSerialGC \
        -J-XX:TieredStopAtLevel=1 -J-Xlog:disable -processorpath "$out/java" \
        -processor MainClass -encoding UTF-8 -d . Main.java)
    chmod 0644 "$out/javac.jsa"
    echo "compile caches: $out/javac.jsa"
fi

# g++: <bits/stdc++.h> precompiled with exactly the flags of cpp.toml, one per standard.
if command -v g++ >/dev/null; then
    header=$(echo '#include <bits/stdc++.h>' | g++ -x c++ -std=gnu++20 -H -fsyntax-only - 2>&1 \
        | sed -n 's/^\. //p' | head -n 1)
    for std in gnu++20; do
        install -d -m 0755 "$out/pch/$std/bits"
        g++ -O2 -std="$std" -x c++-header "$header" -o "$out/pch/$std/bits/stdc++.h.gch"
        chmod 0644 "$out/pch/$std/bits/stdc++.h.gch"
        echo "compile caches: $out/pch/$std/bits/stdc++.h.gch"
    done
fi

# TypeScript: node's start-up snapshot of the checker (typescript.toml runs it).
if command -v node >/dev/null && [ -f "$node_modules/typescript/lib/typescript.js" ]; then
    (cd "$work" && node --snapshot-blob "$out/typescript.blob" --build-snapshot \
        "$here/typescript-snapshot.js" "$node_modules" 2>/dev/null)
    chmod 0644 "$out/typescript.blob"
    echo "compile caches: $out/typescript.blob"
fi
