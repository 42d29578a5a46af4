#!/bin/sh
# tools/bare-debian.sh — a developer's proof that newsgraph stands alone: a bare Debian 12 (made
# with debootstrap), root, only git and make installed, a fresh clone with nothing beside it,
# then the README's two commands, `make demo` and `make check`.  Not part of CI (it needs root,
# debootstrap and about 15 minutes).  Prints how long each step took and where the log is; exits
# non-zero when a step fails or when the output says a suite was skipped.
#
# usage (as root): sh tools/bare-debian.sh [REPO [DIR]]
#   REPO  the repository to clone (default: this one; its committed HEAD, not the work tree)
#   DIR   where the Debian tree goes (default /tmp/ng-bare); an existing one is used again only if
#         KEEP=1, else it is removed and made afresh.
# Environment:
#   MIRROR=URL     the Debian mirror (default: the one /etc/apt/sources.list* names, else
#                  http://deb.debian.org/debian)
#   EXTRA_CA=1     copy the host's /usr/local/share/ca-certificates/*.crt into the tree (a
#                  network that inspects HTTPS, such as a sandbox's egress proxy, needs its CA for
#                  npm's registry; a user's machine does not)
#   BRANCH=NAME    the branch to clone (default: REPO's current branch)
set -eu
REPO=$(cd "${1:-$(dirname "$0")/..}" && pwd)
DIR=${2:-/tmp/ng-bare}
[ "$(id -u)" = 0 ] || { echo "bare-debian: run as root (debootstrap, chroot, mount)"; exit 2; }
BRANCH=${BRANCH:-$(git -C "$REPO" rev-parse --abbrev-ref HEAD)}
if [ -z "${MIRROR:-}" ]; then
    MIRROR=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null |
        grep -E '^[[:space:]]*(deb|URIs:)' | grep -o 'http[s]*://[^ ]*/debian/*$' | head -n 1)
    MIRROR=${MIRROR:-http://deb.debian.org/debian}
fi
LOG=${LOG:-$DIR.log}
: >"$LOG"
say() { echo "bare-debian: $*" | tee -a "$LOG"; }
timed() { # timed WHAT COMMAND...: runs it, logs its output, says how long it took
    what=$1
    shift
    start=$(date +%s)
    if "$@" >>"$LOG" 2>&1; then say "$what: $(($(date +%s) - start)) s"; else
        say "$what: FAILED after $(($(date +%s) - start)) s (see $LOG)"; return 1; fi
}
cleanup() {
    for m in dev/pts dev sys proc; do
        mountpoint -q "$DIR/$m" 2>/dev/null && umount -l "$DIR/$m"
    done
    return 0
}
trap cleanup EXIT
trap 'exit 1' INT TERM

command -v debootstrap >/dev/null || timed "apt-get install debootstrap" \
    sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap'
if [ -d "$DIR" ] && [ "${KEEP:-0}" = 1 ]; then
    say "using the existing tree $DIR"
else
    cleanup
    rm -rf "$DIR"
    timed "debootstrap bookworm from $MIRROR" debootstrap bookworm "$DIR" "$MIRROR"
fi
mount -t proc proc "$DIR/proc"
mount -t sysfs sys "$DIR/sys"
mount --bind /dev "$DIR/dev"
mount --bind /dev/pts "$DIR/dev/pts"
# The branch goes into the tree as a bare repository (a worktree's .git points outside the tree),
# from which the chroot clones as a user would from a server.
rm -rf "$DIR/srv/newsgraph.git"
git clone -q --bare --branch "$BRANCH" "$REPO" "$DIR/srv/newsgraph.git"
cp /etc/resolv.conf "$DIR/etc/resolv.conf"
if [ "${EXTRA_CA:-0}" = 1 ]; then
    mkdir -p "$DIR/usr/local/share/ca-certificates"
    cp /usr/local/share/ca-certificates/*.crt "$DIR/usr/local/share/ca-certificates/" 2>/dev/null || true
    say "copied the host's extra CA certificates (EXTRA_CA=1)"
fi
in_tree() { chroot "$DIR" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 sh -c "$1"; }

timed "apt-get install git make (nothing else)" in_tree \
    'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends git make'
timed "git clone (branch $BRANCH) into /root/alone/newsgraph" in_tree \
    "rm -rf /root/alone && mkdir -p /root/alone && git clone -q --branch '$BRANCH' /srv/newsgraph.git /root/alone/newsgraph && ls -A /root/alone"
# With EXTRA_CA=1, the certificates copied above join the system store when make deps installs
# ca-certificates (its postinst reads /usr/local/share/ca-certificates).
timed "make demo" in_tree 'cd /root/alone/newsgraph && make demo'
timed "make check" in_tree 'cd /root/alone/newsgraph && make check'
if grep -n -E 'SKIP|skip:|skipped' "$LOG" | grep -v -E '\[ *(RUN|OK) *\]' >"$LOG.skips"; then
    say "the output mentions a skip:"
    cat "$LOG.skips"
    exit 1
fi
say "passed: make demo and make check on a bare Debian 12 with only git and make (log: $LOG)"
