// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - securityfs interface: /sys/kernel/security/cordon/
 */

#include "common.h"

#include <linux/cordon-views-abi.h>
#include <linux/cpu.h>
#include <linux/fs.h>
#include <linux/io.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/init.h>
#include <linux/security.h>
#include <linux/seq_file.h>

#include "backend.h"
#include "compartment.h"
#include "mode.h"
#include "report.h"
#include "setup.h"

static int mode_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%s\n", cordon_mode_name(cordon_mode()));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mode);

static const char *disabled_reason(const struct cordon_state *const s)
{
	if (s->backend_err == -ENODEV)
		return "hypervisor offers no views";
	if (s->backend_err)
		return "hypervisor views unusable";
	if (s->setup_err)
		return "view setup failed";
	if (s->mode == CORDON_MODE_OFF)
		return "cordon=off";
	return "none";
}

static int status_show(struct seq_file *m, void *v)
{
	const struct cordon_state *const s = &cordon_state;

	seq_printf(m, "mode: %s\n", cordon_mode_name(s->mode));
	seq_printf(m, "requested: %s%s\n", cordon_mode_name(s->requested),
		   s->param_err ? " (invalid parameter)" : "");
	seq_printf(m, "backend: %s\n", s->backend ? s->backend->name : "none");
	seq_printf(m, "backend_error: %d\n", s->backend_err);
	seq_printf(m, "abi_version: %u\n", s->info.abi_version);
	seq_printf(m, "views: %u\n", s->info.max_views);
	seq_printf(m, "features: %#x\n", s->info.features);
	seq_printf(m, "setup_error: %d\n", s->setup_err);
	seq_printf(m, "locked: %s\n", s->locked ? "yes" : "no");
	seq_printf(m, "disabled_reason: %s\n", disabled_reason(s));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(status);

static int counters_show(struct seq_file *m, void *v)
{
	int i;

	for (i = 0; i < CORDON_CTR_NR_COUNTERS; i++)
		seq_printf(m, "%s: %ld\n", cordon_counter_names[i],
			   atomic_long_read(&cordon_counters[i]));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(counters);

/* The hypervisor's own per-vCPU counters (docs/views-abi.md, Counters). */
static const char *const hv_counter_names[CORDON_CTR_NR] = {
	[CORDON_CTR_VMFUNC] = "vmfunc",
	[CORDON_CTR_VMFUNC_UD] = "vmfunc_ud",
	[CORDON_CTR_VE] = "ve",
	[CORDON_CTR_VIOLATION_EXIT] = "violation_exits",
	[CORDON_CTR_HYPERCALL] = "hypercalls",
	[CORDON_CTR_HYPERCALL_ERR] = "hypercall_errors",
	[CORDON_CTR_TLB_FLUSH] = "tlb_flushes",
	[CORDON_CTR_INSNS] = "instructions",
};

struct hv_read {
	u64 *buf;
	int err;
};

static void hv_read_cpu(void *arg)
{
	struct hv_read *r = arg;

	r->err = cordon_state.backend->counters(virt_to_phys(r->buf));
}

static int hv_counters_show(struct seq_file *m, void *v)
{
	struct hv_read r = { .err = -ENODEV };
	unsigned int cpu;
	int i;

	if (cordon_mode() == CORDON_MODE_OFF)
		return -ENODEV;
	/* kmalloc(64) is 64-byte aligned: it cannot cross a page. */
	r.buf = kmalloc_array(CORDON_CTR_NR, sizeof(u64), GFP_KERNEL);
	if (!r.buf)
		return -ENOMEM;
	cpus_read_lock();
	for_each_online_cpu(cpu) {
		smp_call_function_single(cpu, hv_read_cpu, &r, 1);
		if (r.err)
			break;
		seq_printf(m, "cpu%u", cpu);
		for (i = 0; i < CORDON_CTR_NR; i++)
			seq_printf(m, " %s=%llu", hv_counter_names[i], r.buf[i]);
		seq_putc(m, '\n');
	}
	cpus_read_unlock();
	kfree(r.buf);
	return r.err;
}
DEFINE_SHOW_ATTRIBUTE(hv_counters);

static const char *const kind_names[] = {
	[CORDON_KIND_KERNEL] = "kernel",
	[CORDON_KIND_UNTRUSTED] = "untrusted",
	[CORDON_KIND_SEALED] = "sealed",
};

static int compartments_show(struct seq_file *m, void *v)
{
	unsigned int i, r;

	for (i = 0; i < cordon_nr_compartments(); i++) {
		const struct cordon_compartment *c = cordon_compartment_by_id(i);

		seq_printf(m, "%u %s kind=%s view=%u sealed=%s grants=%u crossings=%ld ve_granted=%ld ve_denied=%ld\n",
			   c->id, c->name, kind_names[c->kind], c->view,
			   c->sealed ? "yes" : "no", c->nr_grants,
			   atomic_long_read(&c->crossings),
			   atomic_long_read(&c->ve_granted),
			   atomic_long_read(&c->ve_denied));
		for (r = 0; r < c->nr_ranges; r++)
			seq_printf(m, "  memory pfn=0x%llx pages=%llu access=%c%c%c\n",
				   c->ranges[r].pfn, c->ranges[r].count,
				   c->ranges[r].access & 1 ? 'r' : '-',
				   c->ranges[r].access & 2 ? 'w' : '-',
				   c->ranges[r].access & 4 ? 'x' : '-');
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(compartments);

static int __init cordon_securityfs_init(void)
{
	struct dentry *dir, *f;

	dir = securityfs_create_dir(CORDON_NAME, NULL);
	if (IS_ERR(dir))
		goto fail;
	f = securityfs_create_file("mode", 0444, dir, NULL, &mode_fops);
	if (IS_ERR(f))
		goto fail;
	f = securityfs_create_file("status", 0444, dir, NULL, &status_fops);
	if (IS_ERR(f))
		goto fail;
	f = securityfs_create_file("counters", 0444, dir, NULL, &counters_fops);
	if (IS_ERR(f))
		goto fail;
	f = securityfs_create_file("compartments", 0444, dir, NULL,
				   &compartments_fops);
	if (IS_ERR(f))
		goto fail;
	f = securityfs_create_file("hypervisor_counters", 0444, dir, NULL,
				   &hv_counters_fops);
	if (IS_ERR(f))
		goto fail;
	return 0;
fail:
	pr_err("cannot create /sys/kernel/security/%s; state is not observable\n",
	       CORDON_NAME);
	securityfs_remove(dir);
	return -ENOMEM;
}
fs_initcall(cordon_securityfs_init);
