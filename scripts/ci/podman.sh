#!/usr/bin/env bash
# Prepare a Docker-API engine for the docker sandbox backend on this Debian host: podman serving
# the Docker-compatible API on a fixed socket, with the sandbox image built (cached by recipe hash).
#
# Idempotent and fast when everything is in place (a few seconds). Prints the variables to export
# as its last lines:  eval "$(scripts/ci/podman.sh | grep '^export ')"
#
#   CODECOLLAB_PODMAN_SOCKET   socket path (default /run/codecollab-podman.sock)
#   CODECOLLAB_PODMAN_ROOT     state directory (default /var/lib/codecollab/podman); keep it fixed
#   DEBIAN_MIRROR              mirror for the image (default http://deb.debian.org/debian)
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
recipe_dir="$here/podman"
root=${CODECOLLAB_PODMAN_ROOT:-/var/lib/codecollab/podman}
socket=${CODECOLLAB_PODMAN_SOCKET:-/run/codecollab-podman.sock}
image_repo=codecollab-sandbox

log() { printf 'podman.sh: %s\n' "$*" >&2; }

# 1. Packages -------------------------------------------------------------------------------------
packages=(podman runc debootstrap catatonit uidmap curl)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
        --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. Configuration: one fixed containers.conf and storage.conf --------------------------------------
install -d -m 0700 "$root" "$root/etc" "$root/events"
if [[ "$root" != /var/lib/codecollab/podman ]]; then
    # The checked-in files name the default root; rewrite the paths for another root.
    sed_root=(sed -e "s#/var/lib/codecollab/podman#$root#g")
else
    sed_root=(cat)
fi
for f in containers.conf storage.conf; do
    "${sed_root[@]}" "$recipe_dir/$f" >"$root/etc/$f.new"
    if cmp -s "$root/etc/$f.new" "$root/etc/$f"; then
        rm "$root/etc/$f.new"
    else
        mv "$root/etc/$f.new" "$root/etc/$f"
        log "wrote $root/etc/$f"
    fi
done
export CONTAINERS_CONF="$root/etc/containers.conf"
export CONTAINERS_STORAGE_CONF="$root/etc/storage.conf"

# 3. The sandbox image, tagged with the hash of its recipe ------------------------------------------
recipe_hash=$(cat "$recipe_dir/build-image.sh" "$recipe_dir/packages.txt" "$recipe_dir/image.env" \
    "$recipe_dir/../compile-caches/"* | sha256sum | cut -c1-16)
image="localhost/$image_repo:$recipe_hash"
if podman image exists "$image"; then
    log "image $image is up to date"
else
    log "building $image (debootstrap + toolchains; a few minutes)"
    started=$(date +%s)
    tarball=$(mktemp /var/tmp/codecollab-image.XXXXXX.tar)
    trap 'rm -f "$tarball"' EXIT
    "$recipe_dir/build-image.sh" "$tarball"
    changes=()
    while IFS= read -r line; do
        [[ -z "$line" || "$line" == \#* ]] || changes+=(--change "$line")
    done <"$recipe_dir/image.env"
    podman import --quiet "${changes[@]}" "$tarball" "$image" >/dev/null
    rm -f "$tarball"
    log "built $image in $(($(date +%s) - started)) s"
    # Drop images of older recipes.
    podman images --format '{{.Repository}}:{{.Tag}}' \
        | grep "^localhost/$image_repo:" | grep -v -e ":$recipe_hash\$" -e ':latest$' \
        | xargs -r podman rmi --force >/dev/null || true
    podman image prune --force >/dev/null || true
fi
podman tag "$image" "localhost/$image_repo:latest"

# 4. The Docker-compatible API service --------------------------------------------------------------
answers() { curl -fsS --max-time 2 --unix-socket "$socket" http://d/_ping >/dev/null 2>&1; }
# A service started (by an older version of this script) from a checkout since deleted answers
# pings but cannot start containers: replace it.
if [[ -f "$root/service.pid" ]] \
    && [[ "$(readlink "/proc/$(cat "$root/service.pid")/cwd" 2>/dev/null)" == *" (deleted)" ]]; then
    log "restarting podman system service (its working directory was deleted)"
    kill "$(cat "$root/service.pid")" 2>/dev/null || true
    for _ in $(seq 1 50); do
        answers || break
        sleep 0.2
    done
fi
if answers; then
    log "API already answering on $socket"
else
    log "starting podman system service on $socket"
    rm -f "$socket"
    install -d "$(dirname "$socket")"
    # From /: the service outlives this checkout, and conmon fails every container start once
    # the service's working directory is gone ("Failed to get working directory").
    (cd / && exec setsid podman system service --time=0 "unix://$socket" \
        >>"$root/service.log" 2>&1 </dev/null) &
    echo $! >"$root/service.pid"
    for _ in $(seq 1 100); do
        answers && break
        sleep 0.2
    done
    answers || { log "the API did not answer; see $root/service.log"; exit 1; }
fi

echo "export DOCKER_HOST=unix://$socket"
echo "export CODECOLLAB_TEST_DOCKER_HOST=unix://$socket"
echo "export CODECOLLAB_DOCKER_IMAGE=$image"
echo "export CONTAINERS_CONF=$CONTAINERS_CONF"
echo "export CONTAINERS_STORAGE_CONF=$CONTAINERS_STORAGE_CONF"
