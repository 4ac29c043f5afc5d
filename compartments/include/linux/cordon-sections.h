/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - what the compartments the Cordon pass compiles share with the
 * kernel's linker script (<asm-generic/cordon.lds.h>, which lists them)
 *
 * The pass (instrumentation/llvm) puts a compartment's code in
 * .cordon.text.<name> and its read-only data, data and bss in
 * .cordon.{rodata,data,bss}.<name>. Each compartment's code and data get
 * whole pages of their own, which Cordon maps into its view alone; entry
 * and exit records stay in kernel data. A compartment that is not built
 * has empty ranges.
 */

#ifndef _LINUX_CORDON_SECTIONS_H
#define _LINUX_CORDON_SECTIONS_H

/* Size and alignment of an exit record (struct cordon_exit_record). */
#define CORDON_EXIT_RECORD_SIZE	32

#endif /* _LINUX_CORDON_SECTIONS_H */
