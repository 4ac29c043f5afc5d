// SPDX-License-Identifier: GPL-2.0
// scripts/cordon-verify refuses compartment code that calls a kernel
// function directly instead of through an exit gate: one line per call,
// naming the section, the offset, the function it is in and the callee,
// then a count, and exit status 1. Built with the kernel's flags, the
// calls the compiler adds itself leave the compartment too.
// RUN: clang -c --target=x86_64-linux-gnu -O2 -o %t.o %s
// RUN: %cordon_verify --compartment t %t.o > %t.out 2>&1 || echo "exit $?" >> %t.out
// RUN: FileCheck %s -DOBJ=%t.o < %t.out
// RUN: clang -c --target=x86_64-linux-gnu -O2 -mcmodel=kernel -fno-pic -pg -mfentry -mfunction-return=thunk-extern -fstack-protector-all -o %t.kernel.o %s
// RUN: not %cordon_verify --compartment t %t.kernel.o 2>&1 | FileCheck %s --check-prefix=KERNEL

// CHECK: cordon-verify: [[OBJ]]: compartment t: .cordon.text.t+0x12 (probe+0x2) references printk, which is outside the compartment; call kernel functions only through exit gates (instrumentation/llvm/README.md)
// CHECK-NEXT: cordon-verify: [[OBJ]]: compartment t: .cordon.text.t+0x17 (probe+0x7) references cordon_exit_gate_typo, which is outside the compartment; {{.*}}
// CHECK-NEXT: cordon-verify: [[OBJ]]: compartment t: .cordon.text.t+0x{{[0-9a-f]+}} (remove+0x{{[0-9a-f]+}}) references memcpy, which is outside the compartment; {{.*}}
// CHECK-NEXT: cordon-verify: [[OBJ]]: 3 references leave compartment t
// CHECK-NEXT: exit 1
// CHECK-NOT: {{.}}
// KERNEL-DAG: (remove+0x1) references __fentry__,
// KERNEL-DAG: (remove+0x{{[0-9a-f]+}}) references __stack_chk_fail,
// KERNEL-DAG: (twice+0x{{[0-9a-f]+}}) references __x86_return_thunk,

asm(".pushsection .cordon.text.t,\"ax\"\n"
    "first:\n"
    "	ret\n"
    "	.p2align 4\n"
    "	.globl probe\n"
    "	.type probe, @function\n"
    "probe:\n"
    "	pushq %rbx\n"
    "	call printk\n"
    "	call cordon_exit_gate_typo\n"
    "	call first\n"
    "	popq %rbx\n"
    "	jmp cordon_exit_gate\n"
    "	.size probe, .-probe\n"
    ".popsection\n");

void *memcpy(void *dst, const void *src, unsigned long n);

__attribute__((section(".cordon.text.t")))
void remove(void *dst, const void *src, unsigned long n)
{
	memcpy(dst, src, n);
}

__attribute__((section(".cordon.text.t"))) int twice(int x)
{
	return 2 * x;
}
