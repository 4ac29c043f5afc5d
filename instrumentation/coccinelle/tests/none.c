// SPDX-License-Identifier: GPL-2.0
/* Fixture for entry_points.cocci: library code with no entry point. Not built. */
static int none_twice(int x)
{
	return 2 * x;
}

int none_quadruple(int x)
{
	return none_twice(none_twice(x));
}

/* Data another file names (cordon-manifest --data). */
int none_state
	__attribute__((aligned(8)));
static int none_hidden;
#define none_alias none_table
