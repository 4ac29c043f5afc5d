# SPDX-License-Identifier: GPL-2.0
# Cordon: the entry point. Every target is a thin wrapper over scripts/.
#
#   make run    install deps, build QEMU + kernel + initramfs, boot the guest
#   make test   run every test group; ends with "N passed, N failed"
#   make fuzz-gates  the gate fuzzer at length (RUNS=100000 SEED=1
#                    FROM=compartment|kernel)
#   make fuzz-hypercalls  the hypercall fuzzer at length (CALLS=50000000
#                    SEED=1)
#   make fuzz-views-host  the host-side libFuzzer harness of the views
#                    extension at length (SECONDS=3600 SEED=1)
#   make bench  baseline against hardened kernel: build/bench/report.md
#               (QUICK=1: short sanity run; RUNS=N per variant, default 5;
#               ONLY="lmbench:null,read sysbench"; ICOUNT=1: count instructions)
#   make learn  learning mode on brd: a proposed lends file from what it
#               touched without its annotations (build/learn/)
#
# Outputs go to build/ (git-ignored); downloads and ccache to
# $CORDON_CACHE (default ~/.cache/cordon).

SHELL := /bin/bash
S := scripts

.PHONY: all deps qemu fetch kernel kernel-baseline initramfs config \
	check-config run shell test test-tools test-config test-instrumentation \
	test-emulator test-kunit test-fuzz fuzz-gates fuzz-hypercalls fuzz-views-host test-guest test-fresh bench \
	learn \
	test-bench \
	measure-emulator clean help

all: run

help:
	@sed -n 's/^#   //p' Makefile

deps:
	@$(S)/deps

fetch: deps
	@$(S)/fetch-linux
	@$(S)/fetch-qemu

qemu: deps
	@$(S)/build-qemu

config: deps
	@$(S)/config hardened

check-config:
	@$(S)/check-config

kernel: deps
	@$(S)/build-kernel hardened

kernel-baseline: deps
	@$(S)/build-kernel baseline

initramfs: deps
	@$(S)/initramfs

run: deps qemu kernel initramfs
	@$(S)/run-guest $(if $(APPEND),-a "$(APPEND)")

# Interactive shell in the guest (Ctrl-A X quits QEMU).
shell: deps qemu kernel initramfs
	@$(S)/run-guest -a "cordon.action=shell $(APPEND)" -t 100000

test: deps
	@$(S)/test

test-tools:
	@$(S)/test tools

test-config: deps
	@$(S)/test config

test-instrumentation: deps
	@$(S)/test instrumentation

test-emulator: deps
	@$(S)/test emulator

test-kunit: deps
	@$(S)/test kunit

test-fuzz: deps
	@$(S)/test fuzz

# The hypercall fuzzer's long run: make fuzz-hypercalls CALLS=50000000 SEED=1
fuzz-hypercalls: deps qemu
	@CORDON_HC_FUZZ="$(or $(SEED),1) $(or $(CALLS),50000000)" \
		CORDON_EMULATOR_TIMEOUT=$(or $(TIMEOUT),3600) \
		$(S)/test-emulator t-hc-fuzz

# The host-side fuzzer's long run: make fuzz-views-host SECONDS=3600 SEED=1
fuzz-views-host: deps
	@$(S)/fuzz-views-host $(or $(SECONDS),3600) $(or $(SEED),1)

# The gate fuzzer's long run: make fuzz-gates RUNS=100000 SEED=1
# (FROM=kernel: the kernel as the attacker)
fuzz-gates: deps
	@$(S)/fuzz-gates --from $(or $(FROM),compartment) $(or $(RUNS),100000) $(or $(SEED),1)

test-guest: deps
	@$(S)/test guest

# make deps and make run in a minimal Debian 12 root (debootstrap; root).
test-fresh: deps
	@$(S)/test-fresh

# Benchmarks: builds both kernels and the bench initramfs itself.
bench: deps qemu
	@QUICK=$(QUICK) RUNS=$(RUNS) ONLY="$(ONLY)" ICOUNT=$(ICOUNT) $(S)/bench

test-bench: deps qemu
	@$(S)/test bench

# Learning mode on brd (docs/design.md, Instrumentation).
learn: deps qemu
	@$(S)/learn

# Emulator costs, TCG slowdown and memory per view (docs/emulator-measurements.md).
measure-emulator: deps qemu
	@$(S)/measure-emulator $(WHAT)

clean:
	rm -rf build
