// SPDX-License-Identifier: GPL-2.0
/*
 * cordon-label - read or set a file's SELinux context, for the guest's
 * shell scripts (Debian's busybox has no chcon or setfattr).
 *
 *   cordon-label FILE            print FILE's context
 *   cordon-label FILE CONTEXT    label FILE with CONTEXT
 */
#include <stdio.h>
#include <string.h>
#include <sys/xattr.h>

#define XATTR "security.selinux"

int main(int argc, char **argv)
{
	char ctx[256];
	ssize_t len;

	if (argc == 3) {
		if (setxattr(argv[1], XATTR, argv[2], strlen(argv[2]) + 1, 0)) {
			fprintf(stderr, "cordon-label: labelling %s %s: %m\n",
				argv[1], argv[2]);
			return 1;
		}
		return 0;
	}
	if (argc != 2) {
		fprintf(stderr, "usage: cordon-label FILE [CONTEXT]\n");
		return 2;
	}
	len = getxattr(argv[1], XATTR, ctx, sizeof(ctx) - 1);
	if (len < 0) {
		fprintf(stderr, "cordon-label: reading %s's context: %m\n",
			argv[1]);
		return 1;
	}
	ctx[len] = '\0';
	printf("%s\n", ctx);
	return 0;
}
