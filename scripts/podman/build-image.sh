#!/usr/bin/env bash
# Build the sandbox root filesystem: debootstrap minbase bookworm + packages.txt, as a tarball.
# Usage: build-image.sh OUT.tar
# Runs as root on a Debian/Ubuntu host with debootstrap. Every input of this script, and the
# files next to it, feed the image tag's hash in scripts/ci/podman.sh.
set -euo pipefail

out=${1:?usage: build-image.sh OUT.tar}
here=$(cd "$(dirname "$0")" && pwd)
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
security_mirror=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
suite=bookworm

rootfs=$(mktemp -d /var/tmp/codecollab-rootfs.XXXXXX)
chmod 0755 "$rootfs"
cleanup() {
    for m in dev/pts dev proc sys; do
        mountpoint -q "$rootfs/$m" && umount -l "$rootfs/$m" || true
    done
    rm -rf --one-file-system "$rootfs"
}
trap cleanup EXIT

debootstrap --variant=minbase "$suite" "$rootfs" "$mirror" >/dev/null

cat >"$rootfs/etc/apt/sources.list" <<SOURCES
deb $mirror $suite main
deb $mirror $suite-updates main
deb $security_mirror $suite-security main
SOURCES
# Keep the image small: no docs, man pages or locales beyond C.
cat >"$rootfs/etc/dpkg/dpkg.cfg.d/01-codecollab-nodoc" <<'NODOC'
path-exclude=/usr/share/doc/*
path-include=/usr/share/doc/*/copyright
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
path-exclude=/usr/share/locale/*
path-include=/usr/share/locale/locale.alias
NODOC

mount -t proc proc "$rootfs/proc"
mount --rbind /sys "$rootfs/sys"
mount --bind /dev "$rootfs/dev"
mount --bind /dev/pts "$rootfs/dev/pts"

entries=$(sed -e 's/#.*//' -e 's/[[:space:]]//g' "$here/packages.txt" | grep -v '^$')
mapfile -t packages < <(grep -v '^npm:' <<<"$entries")
mapfile -t npm_packages < <(grep '^npm:' <<<"$entries" | sed 's/^npm://' || true)
chroot "$rootfs" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
    sh -c 'apt-get update -qq && apt-get install -y -qq --no-install-recommends "$@" >/dev/null \
           && apt-get clean' sh "${packages[@]}"

for m in dev/pts dev proc sys; do umount -l "$rootfs/$m"; done

if ((${#npm_packages[@]})); then
    command -v npm >/dev/null || {
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq npm >/dev/null
    }
    npm install --global --prefix "$rootfs/usr/local" --no-fund --no-audit --no-update-notifier \
        "${npm_packages[@]}" >/dev/null
fi

# Compile caches (javac's CDS archive and main-class processor, precompiled C++ headers,
# the TypeScript checker snapshot), built by the image's own toolchains for its /usr/local.
install -d "$rootfs/tmp/compile-caches"
cp "$here/../compile-caches/"* "$rootfs/tmp/compile-caches/"
mount -t proc proc "$rootfs/proc"
chroot "$rootfs" /usr/bin/env -i PATH=/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp \
    sh /tmp/compile-caches/build.sh /usr/local >/dev/null
umount -l "$rootfs/proc"

# The sandbox's own layout: /box is the program's working directory (a size-limited tmpfs at run
# time, mode 1777 like /tmp; engines that copy the image directory up take its mode from here).
install -d -m 1777 "$rootfs/box"
# Execute-only copies of the tools the backend's runner is made of: a process that executes a file
# it cannot read is not dumpable, so the program cannot open the runner's /proc/PID/fd/* (its
# pipes) even though both run as the same uid.
install -d -m 0755 "$rootfs/usr/libexec/codecollab"
install -m 0711 "$rootfs/bin/dash" "$rootfs/usr/libexec/codecollab/sh"
install -m 0711 "$rootfs/usr/bin/time" "$rootfs/usr/libexec/codecollab/time"
install -m 0711 "$rootfs/usr/bin/timeout" "$rootfs/usr/libexec/codecollab/timeout"
rm -rf "$rootfs/var/lib/apt/lists/"* "$rootfs/var/cache/apt/"*.bin "$rootfs/tmp/"* "$rootfs/var/tmp/"*
# No setuid/setgid binaries at all inside the sandbox.
find "$rootfs" -xdev -type f -perm /6000 -exec chmod ug-s {} +

tar --numeric-owner --xattrs -C "$rootfs" -cf "$out" .
