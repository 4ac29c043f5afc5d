/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon views ABI: what a view-capable hypervisor (Cordon's QEMU extension,
 * or a transport onto Xen altp2m) offers the guest. Shared verbatim by the
 * guest kernel, the emulator and the bare-metal tests, so it holds only
 * constants. docs/views-abi.md is the prose description.
 */

#ifndef _CORDON_VIEWS_ABI_H
#define _CORDON_VIEWS_ABI_H

/* === Discovery (CPUID) === */

/*
 * Hypervisor leaf base, found by scanning 0x40000000..0x4000ff00 in steps
 * of 0x100 for the signature in EBX:ECX:EDX. 0x40000100 keeps clear of the
 * KVM and Hyper-V leaves at 0x40000000.
 */
#define CORDON_VIEWS_CPUID_BASE		0x40000100
/* EBX, ECX, EDX of the base leaf spell "CordonViews\0". */
#define CORDON_VIEWS_CPUID_SIG		"CordonViews"
#define CORDON_VIEWS_CPUID_SIG_EBX	0x64726f43	/* "Cord" */
#define CORDON_VIEWS_CPUID_SIG_ECX	0x69566e6f	/* "onVi" */
#define CORDON_VIEWS_CPUID_SIG_EDX	0x00737765	/* "ews\0" */
/* Leaf base + 1: EAX = ABI version, EBX = views, ECX = feature bits. */
#define CORDON_VIEWS_CPUID_INFO		(CORDON_VIEWS_CPUID_BASE + 1)
#define CORDON_VIEWS_ABI_VERSION	1
#define CORDON_VIEWS_MAX		512

#define CORDON_VIEWS_FEAT_VE		(1u << 0)	/* #VE delivery */
#define CORDON_VIEWS_FEAT_SEAL		(1u << 1)	/* seal operation */
#define CORDON_VIEWS_FEAT_LOCK		(1u << 2)	/* lock operation */

#endif /* _CORDON_VIEWS_ABI_H */
