/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - where the kernel's linker script puts the sections of the
 * compartments the Cordon pass compiles (arch/x86/kernel/vmlinux.lds.S,
 * patch 0003). A linker script, not C: like vmlinux.lds.h, its macros are
 * lists of statements.
 */

#ifndef _ASM_GENERIC_CORDON_LDS_H
#define _ASM_GENERIC_CORDON_LDS_H

#include <linux/cordon-sections.h>

/*
 * Every compartment the pass can build, one line each, with its place in
 * the list; compartments/compiled.h and compiled.c name each once more.
 */
#define CORDON_COMPILED_COMPARTMENTS(X)					\
	X(ctest, 1)							\
	X(cgadget, 2)							\
	X(brd, 3)							\
	X(stest, 4)							\
	X(srt, 5)							\
	X(flask, 6)

/*
 * The calls from one compartment's code into another's (the SELinux
 * server's into the sealed run time) and to the exit gates are relocated
 * at link time, and their displacements can spell a privileged encoding,
 * which the boot-time scan refuses. CONFIG_CORDON_GATE_PAD, which
 * scripts/build-kernel and scripts/test-kunit raise until
 * scripts/check-gates finds none, moves the k-th compartment's code by k
 * times the padding (within its first page), so that raising it changes
 * those displacements too.
 */
#ifdef CONFIG_CORDON_GATE_PAD
#define CORDON_TEXT_SHIFT(k)						\
	. = . + ((CONFIG_CORDON_GATE_PAD * (k)) % PAGE_SIZE);
#else
#define CORDON_TEXT_SHIFT(k)
#endif

#define CORDON_TEXT_OF(name, k)						\
	. = ALIGN(PAGE_SIZE);						\
	__cordon_##name##_text_start = .;				\
	CORDON_TEXT_SHIFT(k)						\
	*(.cordon.text.name)						\
	. = ALIGN(PAGE_SIZE);						\
	__cordon_##name##_text_end = .;

#define CORDON_DATA_OF(name, k)						\
	. = ALIGN(PAGE_SIZE);						\
	__cordon_##name##_data_start = .;				\
	*(.cordon.readable.name)					\
	. = ALIGN(PAGE_SIZE);						\
	__cordon_##name##_readable_end = .;				\
	*(.cordon.rodata.name)						\
	*(.cordon.data.name)						\
	*(.cordon.bss.name)						\
	. = ALIGN(8);							\
	__cordon_##name##_guards_start = .;				\
	*(.cordon.guard.name)						\
	__cordon_##name##_guards_end = .;				\
	. = ALIGN(PAGE_SIZE);						\
	__cordon_##name##_data_end = .;

#define CORDON_ENTRIES_OF(name, k)						\
	. = ALIGN(8);							\
	__cordon_##name##_entries_start = .;				\
	KEEP(*(.cordon.entries.name))					\
	__cordon_##name##_entries_end = .;

#define CORDON_EXITS_OF(name, k)						\
	. = ALIGN(CORDON_EXIT_RECORD_SIZE);				\
	__cordon_##name##_exits_start = .;				\
	KEEP(*(.cordon.exits.name))					\
	__cordon_##name##_exits_end = .;

/* In .text, after the kernel's own. */
#define CORDON_COMPILED_TEXT						\
	CORDON_COMPILED_COMPARTMENTS(CORDON_TEXT_OF)

/* In .data, before DATA_DATA, whose .data.* would take them otherwise. */
#define CORDON_COMPILED_DATA						\
	CORDON_COMPILED_COMPARTMENTS(CORDON_DATA_OF)			\
	CORDON_COMPILED_COMPARTMENTS(CORDON_ENTRIES_OF)			\
	. = ALIGN(CORDON_EXIT_RECORD_SIZE);				\
	__cordon_exits_start = .;					\
	CORDON_COMPILED_COMPARTMENTS(CORDON_EXITS_OF)			\
	__cordon_exits_end = .;

#endif /* _ASM_GENERIC_CORDON_LDS_H */
