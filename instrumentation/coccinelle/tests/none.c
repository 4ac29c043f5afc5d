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
