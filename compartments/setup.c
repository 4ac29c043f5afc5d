// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - boot parameter and initialisation
 */

#include "common.h"

#include <linux/cache.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <kunit/visibility.h>

#include "backend.h"
#include "compartment.h"
#include "compiled.h"
#include "demo.h"
#include "gate.h"
#include "mode.h"
#include "report.h"
#include "sealed.h"
#include "setup.h"
#include "ve/ve.h"

struct cordon_state cordon_state __ro_after_init = {
	.mode = CORDON_MODE_OFF,
	.requested = CORDON_MODE_ENFORCING,
	.backend_err = -ENODEV,
};
EXPORT_SYMBOL_IF_KUNIT(cordon_state);

static int __init cordon_param(char *str)
{
	cordon_state.param = str;
	cordon_state.param_err = cordon_parse_mode(str, &cordon_state.requested);
	return 0;
}
early_param("cordon", cordon_param);

/**
 * cordon_mode() - the mode Cordon runs in for this boot
 *
 * Return: the effective mode; CORDON_MODE_OFF before init or when disabled.
 */
enum cordon_mode cordon_mode(void)
{
	return cordon_state.mode;
}
EXPORT_SYMBOL_GPL(cordon_mode);

static void __init views_setup(struct cordon_state *const s);

static int __init cordon_init(void)
{
	struct cordon_state *const s = &cordon_state;
	const struct cordon_backend_ops *const be = &cordon_views_backend;

	/* Compiled compartments run with or without views. */
	cordon_compiled_guards_init();
	if (s->param_err)
		pr_err("invalid boot parameter cordon=%s (expected off, permissive or enforcing); using enforcing\n",
		       s->param ?: "");
	s->backend_err = be->probe(&s->info);
	if (!s->backend_err)
		s->backend = be;
	s->mode = cordon_decide_mode(s->param_err, s->requested,
				     !s->backend_err);
	if (s->backend_err == -ENODEV)
		pr_info("disabled: the hypervisor offers no views (run the guest in Cordon's QEMU with -cpu max,cordon-views=on)\n");
	else if (s->backend_err)
		pr_err("disabled: the hypervisor's views are unusable (error %d)\n",
		       s->backend_err);
	else if (s->mode == CORDON_MODE_OFF)
		pr_info("off by boot parameter; the hypervisor's views stay unused\n");
	else
		pr_info("%s mode, backend %s, ABI %u, %u views\n",
			cordon_mode_name(s->mode), be->name,
			s->info.abi_version, s->info.max_views);
	if (s->mode != CORDON_MODE_OFF)
		views_setup(s);
	return 0;
}
early_initcall(cordon_init);

static int __init enable_views(void)
{
	return cordon_state.backend->enable();
}

static void __init run_step(int *const err, const char **const step,
			    int (*fn)(void), const char *const what)
{
	if (*err)
		return;
	*step = what;
	*err = fn();
}

/* Views, #VE areas, compartments and gates, before any untrusted code. */
static void __init views_setup(struct cordon_state *const s)
{
	const char *step = NULL;
	int err = 0;

	run_step(&err, &step, enable_views, "enabling views");
	run_step(&err, &step, cordon_compartments_init, "setting up compartments");
	run_step(&err, &step, cordon_ve_init, "registering #VE areas");
	run_step(&err, &step, cordon_sealed_prepare,
		 "preparing the sealed compartment");
	run_step(&err, &step, cordon_demo_setup, "setting up cordon_demo");
	run_step(&err, &step, cordon_compiled_setup,
		 "setting up compiled compartments");
	/* They write the frozen page, which the gates' setup makes read-only. */
	run_step(&err, &step, cordon_sealed_page_tables,
		 "building the sealed page tables");
	/* Every view's settings before the seal: it freezes the sealed one. */
	run_step(&err, &step, cordon_gates_prepare, "preparing gates");
	run_step(&err, &step, cordon_scan_compartment_code,
		 "scanning compartment code for privileged instructions");
	run_step(&err, &step, cordon_sealed_seal, "sealing");
	run_step(&err, &step, cordon_gates_freeze, "freezing gates");
	/* The hypervisor wants the frames sealed by the view already. */
	run_step(&err, &step, cordon_sealed_aex,
		 "registering asynchronous exits");
	if (err) {
		/* Fail loudly: better no Cordon than one half set up. */
		pr_err("disabled: %s failed (%d)\n", step, err);
		/* Compiled drivers then run as ordinary code, in view 0. */
		cordon_compiled_teardown();
		cordon_report_internal(step);
		s->setup_err = err;
		s->mode = CORDON_MODE_OFF;
		return;
	}
	/* From now on compiled compartments cross gates. */
	cordon_compiled_direct = 0;
	pr_info("%u compartments; sealed pool of %zu KiB sealed into view %u; gates frozen\n",
		cordon_nr_compartments(), cordon_sealed_pool_size() >> 10,
		cordon_compartment_by_id(1)->view);
}

/* Once init is done, the set of views is frozen for good. */
static int __init cordon_lock(void)
{
	struct cordon_state *const s = &cordon_state;
	int err;

	if (s->mode == CORDON_MODE_OFF)
		return 0;
	err = s->backend->lock();
	if (err) {
		pr_err("cannot lock the view configuration (%d)\n", err);
		cordon_report_internal("locking views");
		return 0;
	}
	s->locked = true;
	pr_info("view configuration locked\n");
	return 0;
}
late_initcall_sync(cordon_lock);
