/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Machine layout of the bare-metal test images, shared by the assembly
 * and the C runtime.
 */
#ifndef _TESTS_LAYOUT_H
#define _TESTS_LAYOUT_H

/* The image is loaded (and identity mapped) at 1 MiB. */
#define LOAD_ADDR		0x100000
/* Identity mapped with 4 KiB pages by the boot code; page 0 is left out. */
#define IDENTITY_MAP_SIZE	(16 << 20)
#define IDENTITY_PTS		(IDENTITY_MAP_SIZE >> 21)
/* Real-mode entry for application processors (SIPI vector 0x08). */
#define AP_TRAMPOLINE		0x8000

#define PAGE_SIZE		4096
#define STACK_SIZE		16384
#define MAX_CPUS		4

/* GDT selectors. */
#define KERNEL_CS		0x08
#define KERNEL_DS		0x10
#define BOOT_CS32		0x18
#define USER_CS			(0x20 | 3)
#define USER_DS			(0x28 | 3)
#define TSS_SEL(cpu)		(0x30 + 16 * (cpu))
#define GDT_ENTRIES		(6 + 2 * MAX_CPUS)

/* int $USER_RETURN_VECTOR is how ring-3 code hands control back. */
#define USER_RETURN_VECTOR	0x80
/* Set in the vector word of a trap frame when the CPU pushed an error code. */
#define TRAP_HAS_ERROR		0x100

/* Offsets in struct cpu used by assembly (checked in runtime.c). */
#define CPU_OFF_SELF		0
#define CPU_OFF_KERNEL_RSP	8

/* Control register and MSR bits used by the boot code. */
#define CR0_PE			(1 << 0)
#define CR0_WP			(1 << 16)
#define CR0_PG			(1 << 31)
#define CR4_PAE			(1 << 5)
#define MSR_EFER		0xc0000080
#define EFER_LME		(1 << 8)
#define EFER_NXE		(1 << 11)
#define MSR_GS_BASE		0xc0000101

/*
 * Page-table entry bits. Accessed and dirty are always preset, so the page
 * walker never writes to a paging structure: its only accesses are reads.
 */
#define PTE_P			(1 << 0)
#define PTE_W			(1 << 1)
#define PTE_U			(1 << 2)
#define PTE_PWT			(1 << 3)
#define PTE_PCD			(1 << 4)
#define PTE_A			(1 << 5)
#define PTE_D			(1 << 6)
#define PTE_TABLE		(PTE_P | PTE_W | PTE_U | PTE_A)
#define PTE_PAGE		(PTE_P | PTE_W | PTE_U | PTE_A | PTE_D)

#endif /* _TESTS_LAYOUT_H */
