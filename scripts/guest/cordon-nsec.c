// SPDX-License-Identifier: GPL-2.0
/*
 * cordon-nsec - print CLOCK_MONOTONIC in nanoseconds, for the guest's shell
 * scripts (busybox date has no %N).
 */
#include <stdio.h>
#include <time.h>

int main(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts)) {
		perror("cordon-nsec: clock_gettime");
		return 1;
	}
	printf("%llu\n", (unsigned long long)ts.tv_sec * 1000000000ull +
	       (unsigned long long)ts.tv_nsec);
	return 0;
}
