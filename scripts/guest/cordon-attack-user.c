// SPDX-License-Identifier: GPL-2.0
/*
 * cordon-attack-user: attacks on Cordon from user space, each in a child
 * process that must die the way the design says. Prints TAP lines.
 *
 * VMFUNC has no CPL check, so ring 3 can switch views at will. What makes
 * that useless is that user code is not executable in any view but the
 * kernel's: the next instruction fetch raises #VE and Cordon kills the
 * task with SIGSEGV. A view that does not exist raises #UD (SIGILL).
 * Hypercalls from ring 3 are refused by the hypervisor with -EPERM. An
 * event the CPU cannot deliver in the view a process switched to is
 * delivered again in view 0 by the hypervisor, so it cannot stop the guest.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../compartments/include/linux/cordon-views-abi.h"

static int failed, n;

static void vmfunc(unsigned int view)
{
	asm volatile(".byte 0x0f, 0x01, 0xd4" : : "a"(0), "c"(view) : "memory");
}

/*
 * TF, then VMFUNC: the single-step #DB comes in @view, where the CPU
 * cannot deliver it. The guest must not stop; the #DB is delivered in
 * view 0 and the task gets SIGTRAP.
 */
static void vmfunc_single_step(unsigned int view)
{
	asm volatile("pushfq\n\t"
		     "orl $0x100, (%%rsp)\n\t"
		     "popfq\n\t"
		     ".byte 0x0f, 0x01, 0xd4\n\t"
		     "nop"
		     : : "a"(0), "c"(view) : "memory", "cc");
}

static long hypercall(long op)
{
	long ret;

	asm volatile("vmcall" : "=a"(ret) : "a"(op) : "memory");
	return ret;
}

/* Run @fn(@arg) in a child; pass if it dies of @sig. */
static void expect_signal(const char *what, void (*fn)(unsigned int),
			  unsigned int arg, int sig)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		fn(arg);
		_exit(0);	/* still alive: the attack went through */
	}
	waitpid(pid, &status, 0);
	n++;
	if (WIFSIGNALED(status) && WTERMSIG(status) == sig) {
		printf("ok %d - %s: killed by signal %d\n", n, what, sig);
	} else {
		printf("not ok %d - %s: status 0x%x, expected signal %d\n", n,
		       what, status, sig);
		failed++;
	}
}

/* A hypercall from ring 3 must be refused with -EPERM. */
static void expect_eperm(long op, const char *what)
{
	long ret = hypercall(op);

	n++;
	if (ret == -CORDON_EPERM) {
		printf("ok %d - %s from ring 3 refused (%ld)\n", n, what, ret);
	} else {
		printf("not ok %d - %s from ring 3 returned %ld\n", n, what, ret);
		failed++;
	}
}

/* The view of a compartment, from securityfs ("N name kind=K view=V"). */
static int view_of(const char *name)
{
	FILE *f = fopen("/sys/kernel/security/cordon/compartments", "r");
	char line[256], who[64];
	int id, view = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		char *v = strstr(line, " view=");

		if (sscanf(line, "%d %63s", &id, who) == 2 && v &&
		    !strcmp(who, name))
			view = atoi(v + 6);
	}
	fclose(f);
	return view;
}

int main(void)
{
	int sealed = view_of("sealed"), demo = view_of("cordon_demo");

	printf("1..7\n");
	if (sealed <= 0 || demo <= 0) {
		printf("Bail out! no compartments in securityfs\n");
		return 1;
	}
	expect_signal("VMFUNC into the sealed view from ring 3", vmfunc, sealed,
		      SIGSEGV);
	expect_signal("VMFUNC into the untrusted view from ring 3", vmfunc, demo,
		      SIGSEGV);
	expect_signal("VMFUNC to a view that does not exist", vmfunc,
		      CORDON_VIEWS_MAX - 1, SIGILL);
	expect_signal("TF, then VMFUNC into the sealed view", vmfunc_single_step,
		      sealed, SIGTRAP);
	expect_signal("TF, then VMFUNC into the untrusted view",
		      vmfunc_single_step, demo, SIGTRAP);
	expect_eperm(CORDON_HC_SET_STATE, "SET_STATE");
	expect_eperm(CORDON_HC_LOCK, "LOCK");
	return failed ? 1 : 0;
}
