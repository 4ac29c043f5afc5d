// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture for entry_points.cocci: a driver with no ops table at all. Every
 * entry point but init is reachable only through a registration call or a
 * static definition, so only those rules can find them. Not built.
 */
#include <linux/blkdev.h>
#include <linux/interrupt.h>
#include <linux/kthread.h>
#include <linux/netdevice.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

struct beacon {
	struct net_device *ndev;
	struct napi_struct napi, tx_napi;
	struct work_struct reset_work;
	struct delayed_work poll_work;
	struct timer_list watchdog;
	struct tasklet_struct tasklet;
	struct rcu_head rcu;
	struct device *dev;
	int irq;
};

static struct beacon the_beacon;
static int beacon_size = 8;

static irqreturn_t beacon_irq(int irq, void *data)
{
	return IRQ_WAKE_THREAD;
}

static irqreturn_t beacon_irq_thread(int irq, void *data)
{
	return IRQ_HANDLED;
}

static irqreturn_t beacon_err_irq(int irq, void *data)
{
	return IRQ_HANDLED;
}

static irqreturn_t beacon_late_thread(int irq, void *data)
{
	return IRQ_HANDLED;
}

static int beacon_poll(struct napi_struct *napi, int budget)
{
	return 0;
}

static int beacon_tx_poll(struct napi_struct *napi, int budget)
{
	return 0;
}

static void beacon_reset(struct work_struct *work)
{
}

static void beacon_refresh(struct work_struct *work)
{
}

static void beacon_flush(struct work_struct *work)
{
}

static DECLARE_WORK(beacon_flush_work, beacon_flush);

static void beacon_watchdog(struct timer_list *t)
{
}

static void beacon_tasklet(struct tasklet_struct *t)
{
}

static int beacon_thread(void *data)
{
	return 0;
}

static void beacon_free_rcu(struct rcu_head *head)
{
}

static void beacon_probe(dev_t dev)
{
}

/* A boot parameter: runs at boot, before any view exists; not listed. */
static int __init beacon_size_setup(char *str)
{
	beacon_size = 4;
	return 1;
}
__setup("beacon_size=", beacon_size_setup);

static int __init beacon_init(void)
{
	struct beacon *b = &the_beacon;
	int err;

	err = request_threaded_irq(b->irq, beacon_irq, beacon_irq_thread,
				   IRQF_SHARED, "beacon", b);
	if (err)
		return err;
	err = devm_request_irq(b->dev, b->irq + 1, beacon_err_irq, 0,
			       "beacon-err", b);
	if (err)
		return err;
	err = request_threaded_irq(b->irq + 2, NULL, beacon_late_thread,
				   IRQF_ONESHOT, "beacon-late", b);
	if (err)
		return err;
	netif_napi_add(b->ndev, &b->napi, beacon_poll);
	netif_napi_add_weight(b->ndev, &b->tx_napi, beacon_tx_poll, 16);
	INIT_WORK(&b->reset_work, beacon_reset);
	INIT_DELAYED_WORK(&b->poll_work, beacon_refresh);
	timer_setup(&b->watchdog, beacon_watchdog, 0);
	tasklet_setup(&b->tasklet, beacon_tasklet);
	kthread_run(beacon_thread, b, "beacon");
	call_rcu(&b->rcu, beacon_free_rcu);
	schedule_work(&beacon_flush_work);
	return __register_blkdev(240, "beacon", beacon_probe);
}
late_initcall(beacon_init);
