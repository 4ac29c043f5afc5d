# SPDX-License-Identifier: GPL-2.0
# Cordon: the entry point. Every target is a thin wrapper over scripts/.
#
#   make run    install deps, build QEMU + kernel + initramfs, boot the guest
#   make test   run every test group; ends with "N passed, N failed"
#
# Outputs go to build/ (git-ignored); downloads and ccache to
# $CORDON_CACHE (default ~/.cache/cordon).

SHELL := /bin/bash
S := scripts

.PHONY: all deps qemu fetch kernel kernel-baseline initramfs config \
	check-config run shell test test-tools test-config test-emulator \
	test-kunit clean help

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

test-emulator: deps
	@$(S)/test emulator

test-kunit: deps
	@$(S)/test kunit

clean:
	rm -rf build
