# SPDX-License-Identifier: GPL-2.0
# Cordon: objects compiled into compartments by the Cordon pass.
#
# scripts/Makefile.build includes this after every directory's own Makefile
# when CONFIG_CORDON is set (patch 0003), so that a driver goes into a
# compartment with neither it nor its Makefile changed. Objects not listed
# below get nothing from here.
#
# A compartment may have several objects, all in one directory: their
# manifest, <name>.cordon-manifest, covers all of their sources, so that the
# pass keeps calls between them inside the compartment and the verifier
# accepts them. Objects of one compartment in two directories get two
# manifests, and the verifier fails the build on their calls to each other.
#
# For each listed object, in its directory's own kbuild pass:
# - the compartment's manifest, from scripts/cordon-manifest;
# - the pass plugin, loaded for that object only, reading the manifest and
#   the compartment's lend annotations (instrumentation/lends/<name>.lends);
# - no code the pass cannot send through exit gates: ftrace's fentry calls,
#   external return and indirect-branch thunks, sanitizer and coverage
#   callbacks (UBSAN stays when it traps in place);
# - no jump tables: the compiler would put them in .rodata, outside the
#   compartment, which the sealed page tables do not map;
# - the kernel's stack protector, with a guard of the compartment's own
#   (-mstack-protector-guard=global: the pass defines __stack_chk_guard and
#   __stack_chk_fail in the compartment);
# - its own assembler, scripts/cordon-as (clang runs it through
#   -fno-integrated-as -B): it rewrites the code so that no privileged or
#   view-changing encoding arises where instructions meet or inside a
#   constant or a displacement;
# - the verifier (scripts/cordon-verify) on the object: the build fails if
#   compartment code or data names anything outside the compartment but the
#   exit gate.
#
# Make variables: CORDON_ROOT, the Cordon checkout (scripts/build-kernel and
# scripts/test-kunit pass it); CORDON_PLUGIN, the plugin, by default
# $(CORDON_ROOT)/build/instrumentation/CordonCompartment.so; CORDON_LENDS,
# the directory of lend annotations, by default
# $(CORDON_ROOT)/instrumentation/lends (scripts/learn builds without one).

# <compartment>:<object relative to the tree>
cordon-compiled-$(CONFIG_CORDON_TEST_COMPARTMENT) += \
	ctest:security/cordon/kunit/ctest_compartment.o \
	ctest:security/cordon/kunit/ctest_units.o \
	cgadget:security/cordon/kunit/gadget_compartment.o \
	stest:security/cordon/kunit/stest_compartment.o
cordon-compiled-$(CONFIG_CORDON_ISOLATE_BRD) += brd:drivers/block/brd.o
# The SELinux security server, in the sealed view (incomplete), with what
# it needs that its sources lack (flask/ss/cordon_server.c) and the AVC's
# cache, which is the server's (flask/ss/cordon_avc.c), synced into ss/
# by scripts/fetch-linux.
cordon-compiled-$(CONFIG_CORDON_SEAL_SELINUX) += \
	$(foreach o,ebitmap hashtab symtab sidtab avtab policydb services \
	conditional mls context cordon_server cordon_avc,flask:security/selinux:ss/$(o).o)
# Our files join the objects security/selinux/Makefile links: the
# server's (sealed) and the kernel side of its notifications.
ifeq ($(obj)$(CONFIG_CORDON_SEAL_SELINUX),security/selinuxy)
selinux-y += ss/cordon_server.o ss/cordon_avc.o ss/cordon_kernel.o
$(obj)/ss/cordon_server.o $(obj)/ss/cordon_avc.o $(obj)/ss/cordon_kernel.o: \
	$(obj)/flask.h
endif
# The sealed run time: what sealed code allocates is sealed memory.
cordon-compiled-$(CONFIG_CORDON) += srt:security/cordon/flask/sealed_alloc.o \
	srt:security/cordon/flask/sealed_lend.o \
	srt:security/cordon/flask/sealed_string.o \
	srt:security/cordon/flask/sealed_sync.o \
	srt:security/cordon/flask/sealed_audit.o

# Compartments of kind sealed (the pass's -cordon-kind): their code and data
# join the sealed view, and their calls out leave through the sealed exit
# gate. The others are untrusted.
cordon-kind-stest := sealed
cordon-kind-srt := sealed
cordon-kind-flask := sealed
# The server's API: functions the rest of SELinux calls by name.
cordon-manifest-flags-flask := --api-only --data cordon_flask_state \
	--data cordon_flask_avc \
	--data cordon_flask_secclass_map --data cordon_flask_blob_sizes \
	--entries $(CORDON_ROOT)/instrumentation/entries/flask.entries
# Tables of names the server hands the kernel (selinuxfs reads them), and
# their strings: in the page the kernel may read but not write. And the
# API functions that take kernel structures: the kernel's names are its
# adapters' (security/selinux/ss/cordon_kernel.c).
cordon-flask-adapted := security_fs_use security_transition_sid \
	security_compute_xperms_decision security_load_policy \
	selinux_policy_commit selinux_policy_cancel security_get_bools \
	security_get_classes security_get_permissions selinux_policy_genfs_sid
cordon-pass-flags-flask := \
	-mllvm -cordon-readable=initial_sid_to_string,selinux_policycap_names \
	-mllvm -cordon-adapted=$(subst $(space),$(comma),$(strip \
	$(cordon-flask-adapted)))
# Only sealed code calls the run time; the kernel has no way in.
cordon-manifest-flags-srt := --no-entries

# Compartments whose privileged encodings the verifier only warns of: a
# test compartment that must reach the boot-time scan, which refuses it.
cordon-verify-flags-cgadget := --allow-privileged

cordon-split = $(subst :, ,$(1))
# An entry's directory (whose Makefile builds the object) and the object
# relative to it: <name>:<dir>/<object>, or <name>:<dir>:<subdir>/<object>
# for an object a directory's Makefile builds in a subdirectory of its own
# (security/selinux builds ss/services.o).
cordon-dir-of = $(if $(word 3,$(call cordon-split,$(1))),$(word 2,$(call \
	cordon-split,$(1))),$(patsubst %/,%,$(dir $(word 2,$(call \
	cordon-split,$(1))))))
cordon-rel-of = $(if $(word 3,$(call cordon-split,$(1))),$(word 3,$(call \
	cordon-split,$(1))),$(notdir $(word 2,$(call cordon-split,$(1)))))
cordon-here := $(strip $(foreach e,$(cordon-compiled-y),$(if $(filter \
	$(obj),$(call cordon-dir-of,$(e))),$(e))))

# The compartments with objects here, and each one's sources here.
cordon-names-here := $(sort $(foreach e,$(cordon-here),$(word 1,$(call \
	cordon-split,$(e)))))
cordon-src-of = $(foreach e,$(cordon-here),$(if $(filter $(1),$(word 1,$(call \
	cordon-split,$(e)))),$(src)/$(basename $(call cordon-rel-of,$(e))).c))

ifneq ($(cordon-here),)

ifeq ($(CORDON_ROOT),)
$(error Cordon: $(cordon-here) is to be compiled by the Cordon pass, but CORDON_ROOT is not set; build with scripts/build-kernel or scripts/test-kunit, or add CORDON_ROOT=<the Cordon checkout> to make)
endif
CORDON_PLUGIN ?= $(CORDON_ROOT)/build/instrumentation/CordonCompartment.so
CORDON_LENDS ?= $(CORDON_ROOT)/instrumentation/lends
ifeq ($(wildcard $(CORDON_PLUGIN)),)
$(error Cordon: the pass plugin $(CORDON_PLUGIN) is missing; build it with make -C $(CORDON_ROOT)/instrumentation/llvm O=$(CORDON_ROOT)/build/instrumentation)
endif

# What the generated code depends on beyond the source: a change to any of
# them changes the flags, so kbuild (and ccache) compile the object again.
# A compiler option, not a -D: ccache's preprocessor mode leaves -D out of
# its key.
cordon-inputs := $(CORDON_PLUGIN) \
	$(CORDON_ROOT)/instrumentation/coccinelle/entry_points.cocci \
	$(CORDON_ROOT)/scripts/cordon-manifest \
	$(CORDON_ROOT)/scripts/cordon-as $(CORDON_ROOT)/scripts/cordon-verify \
	$(wildcard $(CORDON_LENDS)/*.lends) \
	$(wildcard $(CORDON_ROOT)/instrumentation/entries/*.entries)
cordon-pass-id := $(firstword $(shell cat $(cordon-inputs) | sha1sum))

quiet_cmd_cordon_manifest = MANIFEST $@
      cmd_cordon_manifest = $(CORDON_ROOT)/scripts/cordon-manifest \
	$(cordon-manifest-flags-$(cordon-name)) \
	--tree $(srctree) --compartment $(cordon-name) -o $@ $(cordon-src)

quiet_cmd_cordon_verify = VERIFY  $@
      cmd_cordon_verify = $(CORDON_ROOT)/scripts/cordon-verify \
	$(cordon-verify-flags-$(cordon-name)) --compartment $(cordon-name) \
	--kind $(or $(cordon-kind-$(cordon-name)),untrusted) \
	--manifest $(obj)/$(cordon-name).cordon-manifest $< && touch $@

# cordon-manifest-of NAME: one manifest for all of the compartment's objects
# in this directory, so that the pass and the verifier of each know what
# the others define.
define cordon-manifest-of
$$(obj)/$(1).cordon-manifest: cordon-name := $(1)
$$(obj)/$(1).cordon-manifest: cordon-src := $$(call cordon-src-of,$(1))
$$(obj)/$(1).cordon-manifest: $$(call cordon-src-of,$(1)) $$(cordon-inputs)
	$$(call cmd,cordon_manifest)
endef

# cordon-object NAME FILE.o
define cordon-object
CFLAGS_$(2) += -Xclang -load -Xclang $$(CORDON_PLUGIN) \
	-fpass-plugin=$$(CORDON_PLUGIN) -mllvm -cordon-compartment=$(1) \
	-mllvm -cordon-kind=$$(or $$(cordon-kind-$(1)),untrusted) \
	-mllvm -cordon-manifest=$$(obj)/$(1).cordon-manifest \
	$$(if $$(wildcard $$(CORDON_LENDS)/$(1).lends),-mllvm \
	-cordon-lends=$$(CORDON_LENDS)/$(1).lends) \
	-mstack-protector-guard=global -mllvm -cordon-inputs=$$(cordon-pass-id) \
	$$(cordon-pass-flags-$(1)) -fno-jump-tables \
	-fno-integrated-as -B$$(CORDON_ROOT)/scripts/cordon-
CFLAGS_REMOVE_$(2) += $$(CC_FLAGS_FTRACE) $$(RETPOLINE_CFLAGS)
KASAN_SANITIZE_$(2) := n
KCSAN_SANITIZE_$(2) := n
KMSAN_SANITIZE_$(2) := n
# UBSAN's checks stay when they trap in place (a fault the gate reports);
# its callbacks are kernel functions.
UBSAN_SANITIZE_$(2) := $(if $(CONFIG_UBSAN_TRAP),y,n)
KCOV_INSTRUMENT_$(2) := n
GCOV_PROFILE_$(2) := n
# Its stubs jump to the exit gate; checked by cordon-verify instead.
OBJECT_FILES_NON_STANDARD_$(2) := y
$$(obj)/$(2): $$(obj)/$(1).cordon-manifest
$$(obj)/$(basename $(2)).cordon-verified: cordon-name := $(1)
$$(obj)/$(basename $(2)).cordon-verified: $$(obj)/$(2) \
	$$(obj)/$(1).cordon-manifest $$(CORDON_ROOT)/scripts/cordon-verify
	$$(call cmd,cordon_verify)
always-y += $(basename $(2)).cordon-verified
endef

$(foreach n,$(cordon-names-here),$(eval $(call cordon-manifest-of,$(n))))
$(foreach e,$(cordon-here),$(eval $(call cordon-object,$(word 1,$(call \
	cordon-split,$(e))),$(call cordon-rel-of,$(e)))))

endif
