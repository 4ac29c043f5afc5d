// SPDX-License-Identifier: GPL-2.0
/* Fixture for entry_points.cocci: the functions split_ops.c names. Not built. */
#include <linux/fs.h>
#include "split.h"

int split_open(struct inode *inode, struct file *file)
{
	return 0;
}

long split_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	return -ENOTTY;
}

int split_release(struct inode *inode, struct file *file)
{
	return 0;
}
