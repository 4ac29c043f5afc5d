// SPDX-License-Identifier: GPL-2.0
/*
 * cordon-attack-root: the ways root could reach kernel memory or code
 * around the views, each tried from user space as root in the hardened
 * guest. Each passes because the attempt fails. Prints TAP lines.
 *
 * Views keep the kernel's own instructions out of sealed memory; root must
 * not get the kernel to load code, map physical memory, or patch or read
 * the kernel for it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static int failed, n;

static void result(int ok, const char *what, int err)
{
	n++;
	if (ok) {
		printf("ok %d - root: %s (%s)\n", n, what, strerror(err));
	} else {
		printf("not ok %d - root: %s (%s)\n", n, what,
		       err ? strerror(err) : "it worked");
		failed = 1;
	}
}

/* The call must fail; errno is what the kernel said. */
static void refused(const char *what, long ret)
{
	int err = ret < 0 ? errno : 0;

	result(ret < 0, what, err);
}

/*
 * The call must not exist at all: a bogus image is refused by any
 * kernel, so only ENOSYS shows that the protection (the feature compiled
 * out) is what stopped it.
 */
static void absent(const char *what, long ret)
{
	int err = ret < 0 ? errno : 0;

	result(ret < 0 && err == ENOSYS, what, err);
}

static void cannot_open(const char *path, int flags)
{
	char what[128];
	int fd = open(path, flags);
	int err = fd < 0 ? errno : 0;

	snprintf(what, sizeof(what), "open %s", path);
	if (fd >= 0)
		close(fd);
	result(fd < 0, what, err);
}

/* A valid-looking ELF header is enough: the kernel refuses before parsing. */
static const unsigned char module_image[64] = { 0x7f, 'E', 'L', 'F', 2, 1, 1 };

int main(void)
{
	char lockdown[128] = "";
	int fd;

	if (getuid() != 0) {
		printf("Bail out! not root\n");
		return 1;
	}
	absent("init_module", syscall(SYS_init_module, module_image,
				      sizeof(module_image), ""));
	fd = open("/bin/busybox", O_RDONLY);
	absent("finit_module", syscall(SYS_finit_module, fd, "", 0));
	if (fd >= 0)
		close(fd);
	cannot_open("/dev/mem", O_RDWR);
	cannot_open("/dev/kmem", O_RDWR);
	cannot_open("/dev/port", O_RDWR);
	cannot_open("/proc/kcore", O_RDONLY);
	cannot_open("/dev/cpu/0/msr", O_RDWR);
	absent("kexec_load", syscall(SYS_kexec_load, 0, 0, NULL, 0));
	absent("kexec_file_load", syscall(SYS_kexec_file_load, -1, -1, 0,
					  "", 0));
	refused("iopl(3)", syscall(SYS_iopl, 3));
	refused("ioperm(0x80)", syscall(SYS_ioperm, 0x80, 1, 1));
	absent("bpf(BPF_PROG_LOAD)", syscall(SYS_bpf, 5, NULL, 0));
	mkdir("/sys/kernel/debug", 0700);
	refused("mount debugfs", mount("debugfs", "/sys/kernel/debug",
				       "debugfs", 0, NULL));
	/* SELinux cannot be switched off or to permissive at run time. */
	mkdir("/sys/fs/selinux", 0755);
	mount("selinuxfs", "/sys/fs/selinux", "selinuxfs", 0, NULL);
	fd = open("/sys/fs/selinux/disable", O_WRONLY);
	refused("SELinux disable", fd < 0 ? -1 : write(fd, "1", 1));
	if (fd >= 0)
		close(fd);
	fd = open("/sys/fs/selinux/enforce", O_WRONLY);
	refused("SELinux permissive", fd < 0 ? -1 : write(fd, "0", 1));
	if (fd >= 0)
		close(fd);
	/* Lockdown keeps kernel memory from being read, too. */
	fd = open("/sys/kernel/security/lockdown", O_RDONLY);
	if (fd >= 0) {
		ssize_t len = read(fd, lockdown, sizeof(lockdown) - 1);

		lockdown[len > 0 ? len : 0] = 0;
		close(fd);
	}
	n++;
	if (strstr(lockdown, "[confidentiality]")) {
		printf("ok %d - root: lockdown is confidentiality\n", n);
	} else {
		printf("not ok %d - root: lockdown is not confidentiality: %s\n",
		       n, lockdown);
		failed = 1;
	}
	return failed;
}
