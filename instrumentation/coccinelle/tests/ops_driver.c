// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture for entry_points.cocci: a character driver whose entry points are
 * in ops tables (flat, nested, an array, a typedef, &fn), plus module
 * init/exit and an exported function. Not built; parsed by spatch only.
 */
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/platform_device.h>

typedef struct widget_ops widget_ops_t;

static int counter_limit = 16;
static int counter_open(struct inode *inode, struct file *file);

/* Named in the table before it is defined: found through the prototype. */
static const struct file_operations counter_fops = {
	.owner		= THIS_MODULE,
	.open		= counter_open,
	.release	= &counter_release_fn,
	.llseek		= noop_llseek,
	.read		= counter_read,
};

static int counter_release_fn(struct inode *inode, struct file *file)
{
	return 0;
}

static ssize_t counter_read(struct file *file, char __user *buf,
			    size_t len, loff_t *pos)
{
	return counter_helper(len);
}

static ssize_t counter_helper(size_t len)
{
	return len < counter_limit ? len : counter_limit;
}

static int counter_open(struct inode *inode, struct file *file)
{
	return 0;
}

static int counter_probe(struct platform_device *pdev)
{
	return 0;
}

static int counter_suspend(struct device *dev)
{
	return 0;
}

static struct platform_driver counter_driver = {
	.probe		= counter_probe,
	.driver		= {
		.name		= "counter",
		.shutdown	= counter_suspend,
	},
};

static void widget_spin(struct widget *w)
{
}

static void widget_stop(struct widget *w)
{
}

static const struct widget_ops widget_table[2] = {
	{ .start = widget_spin, .limit = 3 },
	{ .start = widget_stop },
};

static const widget_ops_t widget_default = {
	.stop = widget_stop,
};

int counter_get_limit(void)
{
	return counter_limit;
}
EXPORT_SYMBOL_GPL(counter_get_limit);

static int __init counter_init(void)
{
	return platform_driver_register(&counter_driver);
}

static void __exit counter_exit(void)
{
	platform_driver_unregister(&counter_driver);
}

module_init(counter_init);
module_exit(counter_exit);
MODULE_LICENSE("GPL");
