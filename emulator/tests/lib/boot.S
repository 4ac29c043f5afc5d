/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Boot path of a test image.
 *
 * QEMU's -kernel loader accepts a multiboot(1) image whose header carries
 * the load addresses (flag bit 16), so the image is a flat binary linked at
 * LOAD_ADDR. We arrive in 32-bit protected mode without paging, build an
 * identity map of low memory with 4 KiB pages, enter long mode and call
 * bsp_main(). Application processors come through the real-mode
 * trampoline at the end and share the long-mode switch.
 */
#include "layout.h"

#define MB_MAGIC	0x1badb002
#define MB_FLAGS	0x00010000	/* the address fields below are valid */

	.section .multiboot, "a"
	.balign 4
mb_header:
	.long MB_MAGIC
	.long MB_FLAGS
	.long -(MB_MAGIC + MB_FLAGS)
	.long mb_header			/* header_addr */
	.long __image_start		/* load_addr */
	.long _edata			/* load_end_addr */
	.long _end			/* bss_end_addr */
	.long _start			/* entry_addr */

	.section .text.boot, "ax"
	.code32
	.globl _start
_start:
	cli
	cld
	movl	%eax, %esi		/* multiboot magic, kept for bsp_main */

	/* The page tables and stacks live in .bss: clear it first. */
	movl	$__bss_start, %edi
	movl	$_end, %ecx
	subl	%edi, %ecx
	xorl	%eax, %eax
	rep stosb
	movl	%esi, boot_magic

	movl	$bsp_stack + STACK_SIZE, %esp
	call	build_identity_map
	xorl	%edi, %edi		/* %edi = 0: bootstrap processor */
	jmp	enter_long_mode

/* PML4[0] -> PDPT[0] -> PD[0..IDENTITY_PTS-1] -> PT: VA == PA. */
build_identity_map:
	movl	$boot_pdpt + PTE_TABLE, boot_pml4
	movl	$boot_pd + PTE_TABLE, boot_pdpt

	xorl	%ecx, %ecx
1:	movl	%ecx, %eax
	shll	$12, %eax
	addl	$boot_pt + PTE_TABLE, %eax
	movl	%eax, boot_pd(, %ecx, 8)
	incl	%ecx
	cmpl	$IDENTITY_PTS, %ecx
	jb	1b

	movl	$1, %ecx		/* page 0 stays unmapped */
2:	movl	%ecx, %eax
	shll	$12, %eax
	orl	$PTE_PAGE, %eax
	movl	%eax, boot_pt(, %ecx, 8)
	incl	%ecx
	cmpl	$IDENTITY_PTS * 512, %ecx
	jb	2b
	ret

/* Shared by all processors: %edi says which one we are. */
enter_long_mode:
	lgdt	gdt_ptr
	movl	$KERNEL_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss

	movl	%cr4, %eax
	orl	$CR4_PAE, %eax
	movl	%eax, %cr4
	movl	$boot_pml4, %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$(EFER_LME | EFER_NXE), %eax
	wrmsr
	movl	%cr0, %eax
	orl	$(CR0_PG | CR0_WP | CR0_PE), %eax
	movl	%eax, %cr0
	ljmp	$KERNEL_CS, $long_mode

	.code64
long_mode:
	/*
	 * Null data selectors: in 64-bit mode they work at ring 0, and a null
	 * GS keeps its MSR base across an IRET to ring 3.
	 */
	xorl	%eax, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %fs
	movl	%eax, %gs
	movl	$KERNEL_DS, %eax
	movl	%eax, %ss

	testl	%edi, %edi
	jnz	1f
	movq	$bsp_stack + STACK_SIZE, %rsp
	call	bsp_main
	jmp	halt_forever
1:	movq	ap_boot_rsp(%rip), %rsp
	call	ap_main
	.globl halt_forever
halt_forever:
	cli
	hlt
	jmp	halt_forever

/*
 * AP trampoline: copied to AP_TRAMPOLINE and entered in real mode with
 * CS = AP_TRAMPOLINE >> 4, IP = 0. Only offsets from its start are valid
 * here, so the GDT pointer is addressed through AP_TRAMPOLINE.
 */
	.code16
	.globl ap_tramp_start, ap_tramp_end
ap_tramp_start:
	cli
	cld
	xorw	%ax, %ax
	movw	%ax, %ds
	lgdtl	AP_TRAMPOLINE + (ap_tramp_gdtr - ap_tramp_start)
	movl	%cr0, %eax
	orl	$CR0_PE, %eax
	movl	%eax, %cr0
	ljmpl	$BOOT_CS32, $ap_entry32
	.balign 8
ap_tramp_gdtr:
	.word	gdt_end - gdt - 1
	.long	gdt
ap_tramp_end:

	.code32
ap_entry32:
	movl	$1, %edi		/* %edi = 1: application processor */
	jmp	enter_long_mode

	.data
	.balign 16
	.globl gdt
gdt:
	.quad	0			/* null */
	.quad	0x00af9b000000ffff	/* KERNEL_CS: 64-bit code, DPL 0 */
	.quad	0x00cf93000000ffff	/* KERNEL_DS */
	.quad	0x00cf9b000000ffff	/* BOOT_CS32: 32-bit code for the boot path */
	.quad	0x00affb000000ffff	/* USER_CS: 64-bit code, DPL 3 */
	.quad	0x00cff3000000ffff	/* USER_DS */
	.fill	2 * MAX_CPUS, 8, 0	/* TSS descriptors, filled by cpu_init() */
gdt_end:
	.balign 8
gdt_ptr:
	.word	gdt_end - gdt - 1
	.quad	gdt

	.bss
	.balign PAGE_SIZE
	.globl boot_pml4
boot_pml4:	.skip PAGE_SIZE
boot_pdpt:	.skip PAGE_SIZE
boot_pd:	.skip PAGE_SIZE
boot_pt:	.skip PAGE_SIZE * IDENTITY_PTS
	.globl bsp_stack
bsp_stack:	.skip STACK_SIZE
	.balign 8
	.globl boot_magic, ap_boot_rsp
boot_magic:	.skip 8
ap_boot_rsp:	.skip 8
