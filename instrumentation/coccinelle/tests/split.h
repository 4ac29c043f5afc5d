/* SPDX-License-Identifier: GPL-2.0 */
/* Fixture for entry_points.cocci: shared by split_ops.c and split_impl.c. */
int split_open(struct inode *inode, struct file *file);
long split_ioctl(struct file *file, unsigned int cmd, unsigned long arg);
