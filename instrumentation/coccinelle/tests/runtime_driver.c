// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture for entry_points.cocci: entry points exposed at run time, by a
 * macro, as a callback to a kernel function, or through a local variable;
 * and functions that are only called directly, which are no entry points.
 * Not built.
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/pm.h>
#include <linux/sort.h>

struct gauge {
	void (*refill)(struct gauge *g);
	struct hrtimer tick;
	int irq;
	int vals[4];
};

static int gauge_suspend(struct device *dev)
{
	return 0;
}

static int gauge_resume(struct device *dev)
{
	return 0;
}

static SIMPLE_DEV_PM_OPS(gauge_pm, gauge_suspend, gauge_resume);

static void gauge_refill(struct gauge *g)
{
}

static enum hrtimer_restart gauge_tick(struct hrtimer *t)
{
	return HRTIMER_NORESTART;
}

static int gauge_cmp(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static irqreturn_t gauge_irq(int irq, void *data)
{
	return IRQ_HANDLED;
}

static int gauge_sum(struct gauge *g)
{
	return g->vals[0] + g->vals[1];
}

static void gauge_apply(struct gauge *g, void (*fn)(struct gauge *g))
{
	fn(g);
}

static void gauge_reset(struct gauge *g)
{
}

static int gauge_start(struct gauge *g)
{
	irq_handler_t handler = gauge_irq;

	g->refill = gauge_refill;
	g->tick.function = &gauge_tick;
	sort(g->vals, 4, sizeof(int), gauge_cmp, NULL);
	gauge_apply(g, gauge_reset);
	if (gauge_sum(g) < 0)
		return -EINVAL;
	return request_irq(g->irq, handler, 0, "gauge", g);
}

static int __init gauge_init(void)
{
	static struct gauge g;

	return gauge_start(&g);
}
module_init(gauge_init);

/* __initcall() is device_initcall(), as security/selinux/ss uses it. */
static int __init gauge_probe_all(void)
{
	return 0;
}
__initcall(gauge_probe_all);
