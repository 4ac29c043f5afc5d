// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - asynchronous exits from the sealed view
 *
 * An event delivered in the sealed view would go through the IDT, GDT,
 * TSS and stack the kernel chose, and run a handler of the kernel's
 * choosing on what it pushes there. So the hypervisor delivers none: each
 * CPU registers, before the configuration is locked, a save frame in
 * sealed memory, the sealed page tables, the gates' exit point, where its
 * kernel stack pointer is kept during a crossing, and the kernel's own
 * page tables and IDT (docs/views-abi.md, "Asynchronous exit"). The exit
 * point ends the crossing or goes back in through the gate, and the
 * sealed code asks the hypervisor for the saved context (gate_64.S).
 */

#include "common.h"

#include <linux/cordon-views-abi.h>
#include <linux/cpuhotplug.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <asm/pgtable_types.h>

#include "aex.h"
#include "backend.h"
#include "gate.h"
#include "setup.h"

DEFINE_PER_CPU(bool, cordon_aex_ready);
/*
 * Where an exit outside any crossing lands (kernel code that switched to
 * the sealed view itself): a stack of its own, not the last crossing's,
 * which belonged to whatever task made it.
 */
DEFINE_PER_CPU(u64, cordon_aex_idle_sp);
#define IDLE_STACK_ORDER 2

/* Read by the hypervisor during the call only; one CPU at a time. */
static u64 registration[CORDON_AEX_REG_SIZE / sizeof(u64)] __aligned(64);
static DEFINE_MUTEX(registration_lock);
static const struct cordon_gate *sealed_gate __ro_after_init;

static int aex_cpu_online(unsigned int cpu)
{
	const struct cordon_gate *const g = sealed_gate;
	u64 *const r = registration;
	int err;

	if (!per_cpu(cordon_aex_idle_sp, cpu)) {
		struct page *p = alloc_pages_node(cpu_to_node(cpu), GFP_KERNEL,
						  IDLE_STACK_ORDER);

		if (!p)
			return -ENOMEM;
		per_cpu(cordon_aex_idle_sp, cpu) = (u64)page_address(p) +
						   (PAGE_SIZE << IDLE_STACK_ORDER);
		per_cpu(cordon_gate_ksp, cpu) = per_cpu(cordon_aex_idle_sp, cpu);
	}
	mutex_lock(&registration_lock);
	r[CORDON_AEX_OFF_FRAME / 8] =
		slow_virt_to_phys((void *)(g->aex + ((u64)cpu <<
						    CORDON_AEX_FRAME_SHIFT)));
	r[CORDON_AEX_OFF_VIEW_CR3 / 8] = g->cr3;
	r[CORDON_AEX_OFF_EXIT / 8] = (u64)cordon_aex_exit;
	r[CORDON_AEX_OFF_KSP / 8] =
		slow_virt_to_phys(per_cpu_ptr(&cordon_gate_ksp, cpu));
	r[CORDON_AEX_OFF_CR3 / 8] = cordon_frozen.kernel_cr3;
	r[CORDON_AEX_OFF_IDT_BASE / 8] = cordon_frozen.kernel_idt.address;
	r[CORDON_AEX_OFF_IDT_LIMIT / 8] = cordon_frozen.kernel_idt.size;
	err = cordon_state.backend->set_aex(g->view, __pa_symbol(r));
	mutex_unlock(&registration_lock);
	per_cpu(cordon_aex_ready, cpu) = !err;
	/*
	 * A CPU first brought up after the lock cannot register: it comes
	 * online, but cordon_gate() keeps it out of the sealed view.
	 */
	if (err)
		pr_err("CPU %u: no asynchronous exit from the sealed view (%d); the sealed compartment will not run there\n",
		       cpu, err);
	return 0;
}

/**
 * cordon_aex_init() - register asynchronous exits on every CPU, now and
 * as CPUs come online
 * @g: the sealed compartment's gate, bound to its page tables and frames
 *
 * Context: Boot, after the seal (the hypervisor checks that the frames are
 * sealed by the view) and before the lock.
 * Return: 0 or -errno.
 */
int __init cordon_aex_init(const struct cordon_gate *const g)
{
	unsigned int cpu;
	int ret;

	if (WARN_ON_ONCE(!g || !g->aex || !g->cr3))
		return -EINVAL;
	sealed_gate = g;
	ret = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "cordon/aex:online",
				aex_cpu_online, NULL);
	if (ret < 0)
		return ret;
	/* Registration on the CPUs up now must have worked. */
	for_each_online_cpu(cpu)
		if (!per_cpu(cordon_aex_ready, cpu))
			return -EIO;
	return 0;
}
