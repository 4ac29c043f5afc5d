// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - cordon_demo: a deliberately faulty "driver" in its own untrusted
 * compartment, and the demonstration scenarios (CONFIG_CORDON_DEMO)
 *
 * Writing a scenario name to /sys/kernel/security/cordon-demo/trigger runs
 * it once, so that `make run` can show Cordon at work. Every attempt goes
 * through the normal gate and #VE paths and is reported and counted.
 */

#include "common.h"

#include <linux/cordon-views-abi.h>
#include <linux/cred.h>
#include <linux/init_task.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/security.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <kunit/visibility.h>

#include "compartment.h"
#include "demo.h"
#include "gate.h"
#include "report.h"
#include "sealed.h"
#include "setup.h"

struct cordon_demo_gates cordon_demo_gates __ro_after_init;
EXPORT_SYMBOL_IF_KUNIT(cordon_demo_gates);
static void *stacks __ro_after_init;

/**
 * cordon_demo_stacks() - the demo compartment's per-CPU stacks
 *
 * Return: their base, CORDON_GATE_STACK_SIZE bytes per CPU.
 */
void *cordon_demo_stacks(void)
{
	return stacks;
}
EXPORT_SYMBOL_IF_KUNIT(cordon_demo_stacks);

static int add_gates(const struct cordon_compartment *const c)
{
	struct cordon_demo_gates *g = &cordon_demo_gates;

	g->sum = cordon_gate_register(c, cordon_demo_sum, stacks, 0);
	g->write = cordon_gate_register(c, cordon_demo_write, stacks, 0);
	g->regs = cordon_gate_register(c, cordon_demo_regs, stacks, 0);
	g->stack = cordon_gate_register(c, cordon_demo_stack, stacks, 0);
	g->dirty = cordon_gate_register(c, cordon_demo_dirty, stacks, 0);
	g->jump = cordon_gate_register(c, cordon_demo_jump, stacks, 0);
	g->spin = cordon_gate_register(c, cordon_demo_spin, stacks, 0);
	g->fault = cordon_gate_register(c, cordon_demo_fault, stacks, 0);
	g->soft_int = cordon_gate_register(c, cordon_demo_soft_int, stacks, 0);
	g->syscall = cordon_gate_register(c, cordon_demo_syscall, stacks, 0);
	g->fake_exit = cordon_gate_register(c, cordon_demo_fake_exit, stacks, 0);
	return g->fake_exit ? 0 : -ENOSPC;
}

/**
 * cordon_demo_setup() - create the cordon_demo compartment
 *
 * Context: Boot, before views are locked. Its code becomes executable in
 * its view only (read-only in the kernel's), its stacks writable, and all
 * other kernel memory read-only to it.
 * Return: 0 or -errno.
 */
int cordon_demo_setup(void)
{
	size_t size = (size_t)nr_cpu_ids * CORDON_GATE_STACK_SIZE;
	const size_t text = __cordon_demo_text_end - __cordon_demo_text_start;
	struct cordon_compartment *c;
	struct page *pages;
	int err;

	pages = alloc_pages(GFP_KERNEL | __GFP_ZERO, get_order(size));
	if (!pages)
		return -ENOMEM;
	stacks = page_address(pages);
	c = cordon_compartment_create("cordon_demo", CORDON_KIND_UNTRUSTED);
	if (IS_ERR(c))
		return PTR_ERR(c);
	err = cordon_compartment_add_memory(c, __pa_symbol(__cordon_demo_text_start),
					    text, CORDON_ACCESS_R | CORDON_ACCESS_X);
	if (!err)
		err = cordon_compartment_add_memory(c, page_to_phys(pages),
						    PAGE_ALIGN(size),
						    CORDON_ACCESS_R | CORDON_ACCESS_W);
	/* Only gates are executable in more than one view. */
	if (!err)
		err = cordon_state.backend->set_access(0,
			PHYS_PFN(__pa_symbol(__cordon_demo_text_start)),
			text >> PAGE_SHIFT, CORDON_ACCESS_R);
	return err ?: add_gates(c);
}

/* === Scenarios === */

static int scenario_gate_call(void)
{
	long ret = cordon_gate(cordon_demo_gates.sum, 1, 2, 39);

	pr_info("demo: gate call into cordon_demo: 1 + 2 + 39 = %ld\n", ret);
	return ret == 42 ? 0 : -EIO;
}

static int scenario_init_cred(void)
{
	kuid_t before = init_cred.uid;
	long ret;

	/* The faulty driver tries to make init_cred's uid 1000. */
	ret = cordon_gate(cordon_demo_gates.write, (long)&init_cred.uid, 1000, 0);
	pr_info("demo: cordon_demo writing init_cred.uid: %s (%ld), uid now %u\n",
		ret ? "blocked" : "NOT BLOCKED", ret,
		from_kuid(&init_user_ns, init_cred.uid));
	return ret && uid_eq(before, init_cred.uid) ? 0 : -EIO;
}

static int scenario_sealed_read(void)
{
	u64 val = 0;
	int ret;

	if (!cordon_sealed_secret())
		return -ENODEV;
	ret = copy_from_kernel_nofault(&val, cordon_sealed_secret(), sizeof(val));
	pr_info("demo: kernel-view read of the sealed secret: %s (%d)\n",
		ret ? "blocked" : "NOT BLOCKED", ret);
	return ret ? 0 : -EIO;
}

static int scenario_sealed_call(void)
{
	u64 sum = cordon_gate(cordon_sealed_gate(), 1, 0, 0);

	pr_info("demo: gate call into the sealed compartment: checksum %s\n",
		sum == cordon_sealed_expected(1) ? "correct" : "WRONG");
	return sum == cordon_sealed_expected(1) ? 0 : -EIO;
}

/* A long sealed call that timer interrupts break into and return from. */
static int scenario_sealed_long(void)
{
	long exits = atomic_long_read(&cordon_counters[CORDON_CTR_IRQ_EXITS]);
	u64 sum = cordon_gate(cordon_sealed_gate(), CORDON_SEALED_LONG_ROUNDS,
			      0, 0);
	bool ok = sum == cordon_sealed_expected(CORDON_SEALED_LONG_ROUNDS);

	exits = atomic_long_read(&cordon_counters[CORDON_CTR_IRQ_EXITS]) - exits;
	pr_info("demo: long sealed call: checksum %s, %ld interrupts handled in the kernel view meanwhile\n",
		ok ? "correct" : "WRONG", exits);
	return ok ? 0 : -EIO;
}

static const struct {
	const char *name;
	int (*run)(void);
} scenarios[] = {
	{ "gate-call", scenario_gate_call },
	{ "init-cred-write", scenario_init_cred },
	{ "sealed-read", scenario_sealed_read },
	{ "sealed-call", scenario_sealed_call },
	{ "sealed-long", scenario_sealed_long },
};

static ssize_t demo_write(struct file *file, const char __user *ubuf,
			  size_t count, loff_t *ppos)
{
	char buf[32];
	int i;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	strim(buf);
	if (!cordon_active())
		return -ENODEV;
	for (i = 0; i < ARRAY_SIZE(scenarios); i++)
		if (!strcmp(buf, scenarios[i].name))
			return scenarios[i].run() ?: count;
	pr_err("demo: unknown scenario '%s' (available: gate-call, init-cred-write, sealed-read, sealed-call, sealed-long)\n",
	       buf);
	return -EINVAL;
}

static const struct file_operations demo_fops = {
	.write = demo_write,
	.llseek = noop_llseek,
};

static int __init cordon_demo_init(void)
{
	struct dentry *dir = securityfs_create_dir("cordon-demo", NULL);

	if (IS_ERR(dir))
		return PTR_ERR(dir);
	return PTR_ERR_OR_ZERO(securityfs_create_file("trigger", 0200, dir,
						      NULL, &demo_fops));
}
late_initcall(cordon_demo_init);
