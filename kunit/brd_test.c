// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for brd, the unmodified RAM disk driver, compiled into its
 * own compartment (CONFIG_CORDON_ISOLATE_BRD): it loaded, and block I/O
 * reaches it through its gates. A read of an unwritten sector is the
 * driver zeroing the bio's page, which submit_bio lends it
 * (instrumentation/lends/brd.lends). Without views (cordon=off, a stock
 * QEMU) the same read works, brd running as an ordinary driver. A write
 * is brd allocating a page of its own, setting its struct page's index
 * (an exit that checks the page is brd's, compartments/own.c) and copying
 * the bio's page in; reading it back copies it out, through submit_bio and
 * through rw_page.
 */

#include <kunit/test.h>
#include <linux/bio.h>
#include <linux/blkdev.h>
#include <linux/major.h>
#include <linux/string.h>

#include "backend.h"
#include "compartment.h"
#include "report.h"
#include "setup.h"

static long counter(enum cordon_counter c)
{
	return atomic_long_read(&cordon_counters[c]);
}

static const struct cordon_compartment *brd(void)
{
	return cordon_compartment_by_name("brd");
}

static void test_brd_is_in_its_compartment(struct kunit *test)
{
	const struct cordon_compartment *c;

	if (!cordon_active())
		kunit_skip(test, "Cordon is off: the hypervisor offers no views");
	c = brd();
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_EQ(test, c->kind, CORDON_KIND_UNTRUSTED);
}

static void test_brd_read_crosses_into_its_compartment(struct kunit *test)
{
	long crossings = counter(CORDON_CTR_GATE_CROSSINGS);
	long denied = counter(CORDON_CTR_VE_DENIED);
	long granted = counter(CORDON_CTR_VE_GRANTED);
	struct block_device *bdev;
	struct page *page;
	struct bio *bio;
	u8 *p;
	int err;

	/* brd_init ran (in the compartment, with views): its disk exists. */
	bdev = blkdev_get_by_dev(MKDEV(RAMDISK_MAJOR, 0), FMODE_READ, NULL);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(bdev), "no /dev/ram0: %ld",
			       PTR_ERR(bdev));
	page = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, page);
	p = page_address(page);
	memset(p, 0xaa, PAGE_SIZE);
	bio = bio_alloc(bdev, 1, REQ_OP_READ, GFP_KERNEL);
	bio->bi_iter.bi_sector = 8;
	__bio_add_page(bio, page, PAGE_SIZE, 0);
	err = submit_bio_wait(bio);
	bio_put(bio);
	KUNIT_EXPECT_EQ(test, err, 0);
	/* brd zeroed the lent page from inside its compartment. */
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(p, 0, PAGE_SIZE), NULL);
	if (cordon_active()) {
		KUNIT_EXPECT_GT(test, counter(CORDON_CTR_GATE_CROSSINGS),
				crossings);
		/* The page was granted to brd for that call; nothing denied. */
		KUNIT_EXPECT_GT(test, counter(CORDON_CTR_VE_GRANTED), granted);
		KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_VE_DENIED), denied);
	}
	__free_page(page);
	blkdev_put(bdev, FMODE_READ);
}

/* One page at @sector of /dev/ram0, read or written. */
static int page_io(struct block_device *bdev, enum req_op op, sector_t sector,
		   struct page *page)
{
	struct bio *bio = bio_alloc(bdev, 1, op, GFP_KERNEL);
	int err;

	bio->bi_iter.bi_sector = sector;
	__bio_add_page(bio, page, PAGE_SIZE, 0);
	err = submit_bio_wait(bio);
	bio_put(bio);
	return err;
}

static void test_brd_write_then_read(struct kunit *test)
{
	long crossings = counter(CORDON_CTR_GATE_CROSSINGS);
	long denied = counter(CORDON_CTR_VE_DENIED);
	long not_own = counter(CORDON_CTR_NOT_OWN);
	struct page *out, *in;
	struct block_device *bdev;
	unsigned int i;
	u8 *o, *r;

	bdev = blkdev_get_by_dev(MKDEV(RAMDISK_MAJOR, 0),
				 FMODE_READ | FMODE_WRITE, NULL);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(bdev), "no /dev/ram0: %ld",
			       PTR_ERR(bdev));
	out = alloc_page(GFP_KERNEL);
	in = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, out);
	KUNIT_ASSERT_NOT_NULL(test, in);
	o = page_address(out);
	r = page_address(in);
	for (i = 0; i < PAGE_SIZE; i++)
		o[i] = i * 7 + 3;
	memset(r, 0, PAGE_SIZE);
	/* Twice: a new page of brd's, then one it looks up. */
	KUNIT_EXPECT_EQ(test, page_io(bdev, REQ_OP_WRITE, 64, out), 0);
	KUNIT_EXPECT_EQ(test, page_io(bdev, REQ_OP_WRITE, 64, out), 0);
	KUNIT_EXPECT_EQ(test, page_io(bdev, REQ_OP_READ, 64, in), 0);
	KUNIT_EXPECT_EQ(test, memcmp(o, r, PAGE_SIZE), 0);
	/* And through rw_page, which lends the page it is given. */
	memset(r, 0, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, bdev_read_page(bdev, 64, in), 0);
	KUNIT_EXPECT_EQ(test, memcmp(o, r, PAGE_SIZE), 0);
	if (cordon_active()) {
		KUNIT_EXPECT_GE(test, counter(CORDON_CTR_GATE_CROSSINGS),
				crossings + 4);
		KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_VE_DENIED), denied);
		KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_NOT_OWN), not_own);
	}
	__free_page(out);
	__free_page(in);
	blkdev_put(bdev, FMODE_READ | FMODE_WRITE);
}

static struct kunit_case cordon_brd_cases[] = {
	KUNIT_CASE(test_brd_is_in_its_compartment),
	KUNIT_CASE(test_brd_read_crosses_into_its_compartment),
	KUNIT_CASE(test_brd_write_then_read),
	{}
};

static struct kunit_suite cordon_brd_suite = {
	.name = "cordon_brd",
	.test_cases = cordon_brd_cases,
};
kunit_test_suite(cordon_brd_suite);
