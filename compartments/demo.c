// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - demonstration scenarios (CONFIG_SECURITY_CORDON_DEMO)
 *
 * Writing a scenario name to /sys/kernel/security/cordon/demo makes the
 * kernel attempt that attack once, so that `make run` can show Cordon
 * stopping it. Each attempt goes through the normal #VE path and is
 * reported and counted like any other.
 */

#include "common.h"

#include <linux/fs.h>
#include <linux/init.h>
#include <linux/security.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "sealed.h"

static ssize_t demo_write(struct file *file, const char __user *ubuf,
			  size_t count, loff_t *ppos)
{
	char buf[32];
	u64 val = 0;
	int ret;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	strim(buf);
	if (strcmp(buf, "sealed-read")) {
		pr_err("demo: unknown scenario '%s' (available: sealed-read)\n",
		       buf);
		return -EINVAL;
	}
	if (!cordon_sealed_secret())
		return -ENODEV;
	ret = copy_from_kernel_nofault(&val, cordon_sealed_secret(), sizeof(val));
	pr_info("demo: kernel-view read of the sealed secret: %s (%d)\n",
		ret ? "blocked" : "NOT BLOCKED", ret);
	return ret ? count : -EIO;
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
