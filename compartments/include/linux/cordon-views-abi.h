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

/* === Control plane (hypercalls) === */

/*
 * VMCALL (0f 01 c1) with RAX = operation and arguments in RBX, RCX, RDX,
 * RSI. The result comes back in RAX: >= 0 on success (a value for queries),
 * a negative CORDON_E* code on error. Accepted only at CPL 0; from any
 * other CPL the call does nothing and returns -CORDON_EPERM. Numbers 1-16
 * follow Xen's HVMOP_altp2m commands so that a Xen backend is a change of
 * transport only.
 */
#define CORDON_HC_GET_STATE		1	/* -> 0 or 1 */
#define CORDON_HC_SET_STATE		2	/* RBX = 0/1 */
#define CORDON_HC_VE_ENABLE		3	/* RBX = GPA of info area (4 KiB aligned) */
#define CORDON_HC_CREATE_VIEW		4	/* RBX = default access -> view index */
#define CORDON_HC_DESTROY_VIEW		5	/* RBX = view */
#define CORDON_HC_SWITCH_VIEW		6	/* RBX = view (calling vCPU only) */
#define CORDON_HC_SET_ACCESS		7	/* RBX = view, RCX = gfn, RDX = access */
#define CORDON_HC_CHANGE_GFN		8	/* not supported: -CORDON_ENOSYS */
#define CORDON_HC_SET_ACCESS_RANGE	9	/* RBX = view, RCX = gfn, RDX = count, RSI = access */
#define CORDON_HC_SET_SVE		10	/* RBX = view, RCX = gfn, RDX = 0/1 */
#define CORDON_HC_GET_SVE		11	/* RBX = view, RCX = gfn -> 0/1 */
#define CORDON_HC_GET_ACCESS		12	/* RBX = view, RCX = gfn -> access */
#define CORDON_HC_VE_DISABLE		13
#define CORDON_HC_GET_VIEW		14	/* -> current view of the calling vCPU */
#define CORDON_HC_SET_SVE_RANGE		15	/* RBX = view, RCX = gfn, RDX = count, RSI = 0/1 */
#define CORDON_HC_SET_VISIBILITY	16	/* RBX = view, RCX = 0/1 */
/* Cordon's own operations. */
#define CORDON_HC_SEAL			32	/* RBX = view, RCX = gfn, RDX = count, RSI = 0 or R */
#define CORDON_HC_LOCK			33
#define CORDON_HC_GET_COUNTERS		34	/* RBX = GPA of struct cordon_views_counters */
#define CORDON_HC_RESET_COUNTERS	35
#define CORDON_HC_GET_HOST_MEMORY	36	/* -> host bytes used by all views' maps */
#define CORDON_HC_FREEZE		37	/* RBX = gfn, RCX = count */
#define CORDON_HC_SET_AEX		38	/* RBX = view, RCX = GPA of a registration (0: none) */
#define CORDON_HC_AEX_RESUME		39	/* from the registered view: resume its saved context */
#define CORDON_HC_SET_NMI_LATCH		40	/* RBX = IDT base, RCX = GPA of a byte (0: none) */
#define CORDON_HC_LAST			40

/* Access bits, as in an EPT entry. Write without read is refused. */
#define CORDON_ACCESS_R			(1u << 0)
#define CORDON_ACCESS_W			(1u << 1)
#define CORDON_ACCESS_X			(1u << 2)
#define CORDON_ACCESS_RWX		7u
/*
 * Guest-paging verification (SDM: EPT bits 57 and 58 with the tertiary
 * controls "guest-paging verification" = 1 and "EPT paging-write control"
 * = 0). A frame with VERIFY_PAGING may be reached only through linear
 * addresses whose every paging-structure entry lies in a PAGING frame of
 * the same view; any other translation is an EPT violation with
 * CORDON_VE_QUAL_GPV. PAGING gives the walker no right to write A/D bits.
 */
#define CORDON_ACCESS_VERIFY_PAGING	(1u << 3)
#define CORDON_ACCESS_PAGING		(1u << 4)
#define CORDON_ACCESS_ALL		0x1fu

/* Errors, returned negated. Values match Linux errno numbers. */
#define CORDON_EPERM			1	/* not CPL 0 */
#define CORDON_EBUSY			16	/* view in use by a vCPU */
#define CORDON_EINVAL			22	/* bad view index or argument */
#define CORDON_ERANGE			34	/* frame beyond guest RAM */
#define CORDON_ENOSYS			38	/* unknown or unsupported operation */
#define CORDON_EOVERFLOW		75	/* gfn + count wraps */
#define CORDON_EACCES			13	/* frame is sealed */
#define CORDON_EROFS			30	/* configuration is locked */
#define CORDON_ENOSPC			28	/* no free view slot */
#define CORDON_ENODEV			19	/* views not enabled (SET_STATE) */
#define CORDON_ENOENT			2	/* no saved context (AEX_RESUME) */

/* === Virtualization exception (#VE, vector 20) === */

#define CORDON_VE_VECTOR		20
#define CORDON_VE_EXIT_REASON_EPT	48
#define CORDON_VE_BUSY			0xffffffffu

/* Information area offsets, per the Intel SDM. */
#define CORDON_VE_OFF_REASON		0	/* u32 */
#define CORDON_VE_OFF_BUSY		4	/* u32 */
#define CORDON_VE_OFF_QUAL		8	/* u64 */
#define CORDON_VE_OFF_GLA		16	/* u64 */
#define CORDON_VE_OFF_GPA		24	/* u64 */
#define CORDON_VE_OFF_VIEW		32	/* u16 */

/* Exit qualification bits. */
#define CORDON_VE_QUAL_READ		(1ull << 0)
#define CORDON_VE_QUAL_WRITE		(1ull << 1)
#define CORDON_VE_QUAL_FETCH		(1ull << 2)
#define CORDON_VE_QUAL_READABLE		(1ull << 3)
#define CORDON_VE_QUAL_WRITABLE		(1ull << 4)
#define CORDON_VE_QUAL_EXECUTABLE	(1ull << 5)
#define CORDON_VE_QUAL_GLA_VALID	(1ull << 7)
#define CORDON_VE_QUAL_FINAL		(1ull << 8)
#define CORDON_VE_QUAL_NMI_UNBLOCK	(1ull << 12)	/* an IRET that unblocked NMIs */
#define CORDON_VE_QUAL_GPV		(1ull << 15)	/* guest-paging verification */

/* === Asynchronous exit (CORDON_HC_SET_AEX, per vCPU) === */

/*
 * No event is delivered in a registered view at CPL 0. The hypervisor
 * saves the context (below), puts the vCPU in view 0 on the registered
 * page tables, IDT and stack, at the exit point, and then delivers an
 * interrupt, NMI or #VE there, to the kernel's own handler, whose IRET
 * lands on the exit point; any other exception is not delivered. At CPL 0
 * in another view on the registered view's page tables, the hypervisor
 * loads the registered kernel tables before it delivers the event. See
 * docs/views-abi.md, "Asynchronous exit".
 *
 * The registration SET_AEX reads once (eight-byte fields, this order):
 */
#define CORDON_AEX_OFF_FRAME		0	/* GPA of the save frame, sealed by the view */
#define CORDON_AEX_OFF_VIEW_CR3		8	/* page tables whose contexts are saved */
#define CORDON_AEX_OFF_EXIT		16	/* RIP of the exit point, in view 0 */
#define CORDON_AEX_OFF_KSP		24	/* GPA of the u64 that is the exit's RSP */
#define CORDON_AEX_OFF_CR3		32	/* CR3 at the exit point */
#define CORDON_AEX_OFF_IDT_BASE		40	/* IDTR at the exit point */
#define CORDON_AEX_OFF_IDT_LIMIT	48
#define CORDON_AEX_REG_SIZE		56

/*
 * The save frame: a state word (0 free, 1 holds a context), the general
 * registers in the SDM's order (RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI,
 * R8-R15), RIP and RFLAGS. Written only while the state word is 0, and
 * only for an interrupt, NMI or #VE taken on the view's page tables.
 */
#define CORDON_AEX_FRAME_STATE		0
#define CORDON_AEX_FRAME_GPRS		8
#define CORDON_AEX_FRAME_RIP		136
#define CORDON_AEX_FRAME_RFLAGS		144
#define CORDON_AEX_FRAME_SIZE		152

/*
 * RAX at the exit point; every other general register is zero. 0: an
 * event was delivered to the kernel's handler (resume with AEX_RESUME);
 * else the vector of an exception that was not, with this bit.
 */
#define CORDON_AEX_EXCEPTION		(1u << 8)

/* === Counters (CORDON_HC_GET_COUNTERS) === */

/*
 * Layout written at the GPA given: 8 little-endian u64, for the calling
 * vCPU, in this order. 64 bytes; must not cross a page.
 */
#define CORDON_CTR_VMFUNC		0	/* successful VMFUNC switches */
#define CORDON_CTR_VMFUNC_UD		1	/* VMFUNC that raised #UD */
#define CORDON_CTR_VE			2	/* #VE delivered */
#define CORDON_CTR_VIOLATION_EXIT	3	/* violations not converted */
#define CORDON_CTR_HYPERCALL		4	/* hypercalls at CPL 0 */
#define CORDON_CTR_HYPERCALL_ERR	5	/* of which failed */
#define CORDON_CTR_TLB_FLUSH		6	/* TLB flushes caused by views */
#define CORDON_CTR_INSNS		7	/* guest instructions (-icount only, else 0) */
#define CORDON_CTR_NR			8

#endif /* _CORDON_VIEWS_ABI_H */
