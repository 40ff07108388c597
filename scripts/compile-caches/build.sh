#!/bin/sh
# Builds the compile caches the language files use, into PREFIX/lib/codecollab (default
# /usr/local, which every sandbox sees read-only): the annotation processor with which javac
# names the main class (MainClass.java), a class-data-sharing archive of javac, precompiled
# common first headers (<bits/stdc++.h>, <iostream>, ...) for each C++ standard the language
# files use and a V8 start-up snapshot of the TypeScript checker with its libraries parsed and
# bound. Each is valid only for
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

# g++: common first headers precompiled with exactly the flags of cpp.toml, one set per standard.
# g++ looks for HEADER.gch in each include directory before HEADER itself, and uses it for the
# program's first #include when it matches the flags and macros; otherwise it reads the header.
# Each is built from a one-line wrapper so the header keeps its system-header status, and a
# link to the real header sits beside it: g++ reopens the header by that path when a later
# #include names it again (without the link that is a fatal "No such file or directory").
if command -v g++ >/dev/null; then
    for std in gnu++20; do
        rm -rf "$out/pch/$std"
        for header in bits/stdc++.h iostream vector cstdio; do
            target="$out/pch/$std/$header"
            install -d -m 0755 "$(dirname "$target")"
            real=$(printf '#include <%s>\n' "$header" | g++ -x c++ -std="$std" -H -fsyntax-only - 2>&1 \
                | sed -n 's/^\. //p' | head -n 1)
            ln -s "$real" "$target"
            printf '#include <%s>\n' "$header" >"$work/wrapper.h"
            g++ -O2 -std="$std" -x c++-header "$work/wrapper.h" -o "$target.gch"
            chmod 0644 "$target.gch"
            echo "compile caches: $target.gch"
        done
    done
fi

# TypeScript: node's start-up snapshot of the checker (typescript.toml runs it).
if command -v node >/dev/null && [ -f "$node_modules/typescript/lib/typescript.js" ]; then
    (cd "$work" && node --snapshot-blob "$out/typescript.blob" --build-snapshot \
        "$here/typescript-snapshot.js" "$node_modules" 2>/dev/null)
    chmod 0644 "$out/typescript.blob"
    echo "compile caches: $out/typescript.blob"
fi
