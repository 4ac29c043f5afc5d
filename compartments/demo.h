/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - the cordon_demo compartment (private)
 */

#ifndef _CORDON_DEMO_H
#define _CORDON_DEMO_H

/* What cordon_demo_spin() leaves in its registers while it runs. */
#define CORDON_DEMO_MARKER	0x5ec2e75ec2e7

#ifndef __ASSEMBLY__

#include <linux/types.h>

struct cordon_gate;

/* Entry points in demo_64.S, run in the demo's view through gates. */
long cordon_demo_sum(long a, long b, long c);
long cordon_demo_write(u64 *addr, u64 val);
long cordon_demo_regs(void);
long cordon_demo_stack(void);
long cordon_demo_dirty(void);
long cordon_demo_jump(void *to);
long cordon_demo_spin(long n);
long cordon_demo_fault(void);
long cordon_demo_soft_int(void);
long cordon_demo_syscall(void);
long cordon_demo_fake_exit(const void *vmfunc_exit, void (*kernel_fn)(void));
extern const char __cordon_demo_text_start[], __cordon_demo_text_end[];

/**
 * struct cordon_demo_gates - the gates into cordon_demo
 * @sum: cordon_demo_sum()
 * @write: cordon_demo_write()
 * @regs: cordon_demo_regs()
 * @stack: cordon_demo_stack()
 * @dirty: cordon_demo_dirty()
 * @jump: cordon_demo_jump()
 * @spin: cordon_demo_spin()
 * @fault: cordon_demo_fault()
 * @soft_int: cordon_demo_soft_int()
 * @syscall: cordon_demo_syscall()
 * @fake_exit: cordon_demo_fake_exit()
 */
struct cordon_demo_gates {
	const struct cordon_gate *sum, *write, *regs, *stack, *dirty, *jump;
	const struct cordon_gate *spin, *fault, *soft_int, *syscall, *fake_exit;
};

#ifdef CONFIG_CORDON_DEMO
int cordon_demo_setup(void);
#else
static inline int cordon_demo_setup(void)
{
	return 0;
}
#endif

extern struct cordon_demo_gates cordon_demo_gates;
void *cordon_demo_stacks(void);

#endif /* __ASSEMBLY__ */
#endif /* _CORDON_DEMO_H */
