// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on,cordon-views-count=512 -smp 1
/*
 * Measurement (not a test): host memory used by the views' frame maps, as
 * CORDON_HC_GET_HOST_MEMORY reports it. scripts/measure-emulator memory
 * boots this with -m 1G and -m 4G.
 *
 * 1. Enable views (view 0 only), then create views one at a time up to
 *    the configured count, reading the figure after each.
 * 2. In view 1, give one frame in every 2 MiB region of RAM an explicit
 *    entry, then a second frame in each of the same regions.
 * Lines: "measure views=N bytes=B" at powers of two and at the end,
 * "measure per_view=B", and one "measure regions=..." line.
 */
#include "m-measure.h"

#define REGION_FRAMES	512		/* 2 MiB of 4 KiB frames */
#define FOUR_GIB	(4ull << 30)

static long host_bytes(void)
{
	long b = hc(CORDON_HC_GET_HOST_MEMORY);

	if (b < 0)
		tap_bail("GET_HOST_MEMORY returned %ld", b);
	return b;
}

/*
 * Give frame `offset` of every RAM region an explicit entry in view 1.
 * RAM ends at the first region above 4 GiB that is refused (-ERANGE);
 * refused regions below 4 GiB (*gap) are not RAM either: the PCI hole, or
 * nothing at all in a small guest. Returns the number of RAM regions.
 */
static long touch_regions(u64 offset, long *gap)
{
	long ram = 0, ret;
	u64 r;

	*gap = 0;
	for (r = 0;; r++) {
		ret = view_set_access(1, r * REGION_FRAMES + offset,
				      CORDON_ACCESS_R);
		if (ret == -CORDON_ERANGE) {
			if (r * REGION_FRAMES * PAGE_SIZE >= FOUR_GIB)
				break;
			(*gap)++;
			continue;
		}
		if (ret)
			tap_bail("SET_ACCESS(1, %#lx) returned %ld",
				 r * REGION_FRAMES + offset, ret);
		ram++;
	}
	return ram;
}

void test_main(void)
{
	u32 count = views_require(), v;
	long prev, now, step = 0, ram, gap, before, after, again;
	bool even = true;

	views_enable();
	prev = host_bytes();
	printf("measure views=1 bytes=%ld\n", prev);
	for (v = 1; v < count; v++) {
		if (view_create(CORDON_ACCESS_RWX) != (long)v)
			tap_bail("CREATE_VIEW did not return view %u", v);
		now = host_bytes();
		if (v == 1)
			step = now - prev;
		else if (now - prev != step)
			even = false;
		prev = now;
		if (!((v + 1) & v) || v + 1 == count)
			printf("measure views=%u bytes=%ld\n", v + 1, now);
	}
	check(even, "each new view adds the same %ld bytes", step);
	printf("measure per_view=%ld\n", step);

	before = host_bytes();
	ram = touch_regions(1, &gap);
	after = host_bytes();
	touch_regions(2, &gap);
	again = host_bytes();
	printf("measure regions=%ld gap=%ld before=%ld after=%ld second=%ld\n",
	       ram, gap, before, after, again);
	check(ram > 0 && after > before, "touching RAM regions costs memory");
	check_eq(again, after, "a second frame in a touched region costs nothing");
}
