// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture for entry_points.cocci: a two-file compartment. The ops table is
 * here, the functions it names are in split_impl.c and declared only in
 * split.h, so only the manifest's cross-file resolution finds them.
 * split_release is declared here too: found in this file alone as well.
 * Not built.
 */
#include <linux/fs.h>
#include <linux/module.h>
#include "split.h"

int split_release(struct inode *inode, struct file *file);

static const struct file_operations split_fops = {
	.owner		= THIS_MODULE,
	.open		= split_open,
	.unlocked_ioctl	= split_ioctl,
	.release	= split_release,
	.llseek		= no_llseek,
};

static int __init split_init(void)
{
	return register_chrdev(0, "split", &split_fops);
}
module_init(split_init);
