# SPDX-License-Identifier: GPL-2.0
# Shared helpers for Cordon's build scripts. Sourced, never executed.
#
# Every script reports failures through die(), which prints one line of the
# form "cordon: <step>: <what went wrong>; <what to do>" and exits non-zero.

set -euo pipefail

CORDON_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Downloaded sources and ccache live outside the checkout so that a second
# clone, and CI on the same machine, start warm.
CORDON_CACHE=${CORDON_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cordon}
BUILD=${CORDON_BUILD:-$CORDON_ROOT/build}
JOBS=${JOBS:-$(nproc)}
LLVM_SUFFIX=-16

export CCACHE_DIR=${CCACHE_DIR:-$CORDON_CACHE/ccache}
# Paths below the checkout are hashed relative to it, so a fresh clone in
# another directory still hits the cache.
export CCACHE_BASEDIR=$CORDON_ROOT
export CCACHE_NOHASHDIR=1
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-10G}
export CCACHE_COMPILERCHECK=content

STEP=${STEP:-$(basename "$0")}

die() {
	echo "cordon: $STEP: $*" >&2
	exit 1
}

log() {
	echo "cordon: $STEP: $*"
}

# need_tool TOOL PACKAGE: fail with the fix if TOOL is not on PATH.
# cpu_sample: the machine's CPU time in USER_HZ ticks, "busy steal own
# nanoseconds", where busy is every core's non-idle time and own this
# shell's with its waited-for children (QEMU runs included).
cpu_sample() {
	echo "$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $9 }' /proc/stat)" \
		"$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$$/stat")" \
		"$(date +%s%N)"
}

# host_load START: "OTHER STEAL SECONDS" since cpu_sample printed START:
# the cores busy with anything but this shell and its children, those the
# host stole, and the seconds elapsed.
host_load() {
	awk -v a="$1" -v b="$(cpu_sample)" -v hz="$(getconf CLK_TCK)" '
	BEGIN {
		split(a, x, " "); split(b, y, " ")
		secs = (y[4] - x[4]) / 1e9
		if (secs <= 0) secs = 1e-9
		other = ((y[1] - x[1]) - (y[3] - x[3])) / hz / secs
		steal = (y[2] - x[2]) / hz / secs
		printf "%.2f %.2f %.0f\n", other < 0 ? 0 : other, steal, secs
	}'
}

need_tool() {
	command -v "$1" >/dev/null 2>&1 ||
		die "'$1' not found; run 'make deps' (it installs Debian package '$2')"
}

# need_space DIR MIB: fail early rather than half-way through a build.
need_space() {
	local dir=$1 mib=$2 avail
	mkdir -p "$dir"
	avail=$(df -Pm "$dir" | awk 'NR == 2 { print $4 }')
	[ "$avail" -ge "$mib" ] ||
		die "only ${avail} MiB free under $dir, this step needs ${mib} MiB; free disk space or set CORDON_BUILD/CORDON_CACHE to a larger disk"
}

# hash_inputs FILE...: one digest over the names and contents of FILEs, used
# to decide whether a patched tree is still current.
hash_inputs() {
	local f
	for f in "$@"; do
		[ -e "$f" ] || continue
		printf '%s\n' "${f#"$CORDON_ROOT"/}"
		cat "$f"
	done | sha256sum | cut -d' ' -f1
}

# apply_series TREE PATCH...: apply patches in order; on failure name the
# patch and leave the caller to throw the tree away.
apply_series() {
	local tree=$1 p
	shift
	for p in "$@"; do
		[ -e "$p" ] || continue
		patch -d "$tree" -p1 --quiet --forward --batch <"$p" >/dev/null ||
			die "patch ${p#"$CORDON_ROOT"/} no longer applies to $(basename "$tree"); rebase it on the pinned source and re-run"
	done
}

# run_logged LOGFILE CMD...: run CMD with its output in LOGFILE; on failure
# show the tail of the log and the log's path.
run_logged() {
	local logf=$1
	shift
	mkdir -p "$(dirname "$logf")"
	if ! "$@" >"$logf" 2>&1; then
		tail -n 25 "$logf" >&2
		die "'$*' failed; full log in ${logf#"$CORDON_ROOT"/}"
	fi
}

# build_plugin: the Cordon pass plugin, which kernels with compiled
# compartments (CONFIG_CORDON_ISOLATE_*, the KUnit test compartment) load;
# sets CORDON_PLUGIN to it.
build_plugin() {
	need_tool llvm-config-16 llvm-16
	need_tool spatch coccinelle
	[ -r /usr/lib/llvm-16/include/llvm/Passes/PassPlugin.h ] ||
		die "LLVM headers missing; run 'make deps' (package llvm-16-dev)"
	run_logged "$BUILD/log/plugin.log" make -s -C "$CORDON_ROOT/instrumentation/llvm" \
		O="$BUILD/instrumentation"
	CORDON_PLUGIN=$BUILD/instrumentation/CordonCompartment.so
}
