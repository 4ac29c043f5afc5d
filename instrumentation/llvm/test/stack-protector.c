// SPDX-License-Identifier: GPL-2.0
// The stack protector in compartment code uses a guard of the
// compartment's own (__stack_chk_guard, in .cordon.guard.<name>, which the
// run time fills at boot) and a __stack_chk_fail of its own, which reports
// through an exit (cordon_stack_chk_fail, keeping the crossing's
// preemption count: record flag 1) and never comes back. Codegen finds
// both by name, so the object names neither the kernel's canary nor its
// __stack_chk_fail. The kernel-side wrapper has no stack protector: it
// would read a guard the compartment writes and call code the kernel's
// view does not execute.
// RUN: %cordon_clang -fstack-protector-strong -mstack-protector-guard=global -mllvm -cordon-entry=smash %s | FileCheck %s
// RUN: clang -c --target=x86_64-linux-gnu -O2 -mcmodel=kernel -fno-PIE -fstack-protector-strong -mstack-protector-guard=global -Xclang -load -Xclang %plugin -fpass-plugin=%plugin -mllvm -cordon-compartment=s -mllvm -cordon-entry=smash,many -o %t.o %s
// RUN: %cordon_verify --compartment s %t.o
// RUN: llvm-objdump -dr %t.o | FileCheck %s --check-prefix=OBJ
// Without a stack-protected function, neither is added.
// RUN: %cordon_clang -mllvm -cordon-entry=smash %s | FileCheck %s --check-prefix=NONE

// CHECK: @__stack_chk_guard = internal global i64 0, section ".cordon.guard.demo", align 8
// CHECK: @cordon_stack_chk_fail.cordon_exit_rec = internal global { ptr, i64, ptr, i64 } { ptr @cordon_stack_chk_fail, i64 0, ptr @cordon_stack_chk_fail.cordon_exit_name, i64 1 }
// CHECK: define internal i64 @smash.cordon_body({{.*}} #[[SSP:[0-9]+]] section ".cordon.text.demo"
// CHECK: define internal void @__stack_chk_fail() #{{[0-9]+}} section ".cordon.text.demo" {
// CHECK-NEXT: %[[RA:[0-9]+]] = call ptr @llvm.returnaddress(i32 0)
// CHECK-NEXT: call void @cordon_stack_chk_fail.cordon_exit(ptr %[[RA]])
// CHECK-NEXT: call void @llvm.trap()
// CHECK-NEXT: unreachable
// CHECK: attributes #[[SSP]] = { {{.*}}sspstrong

// The wrappers, one with an argument block on its stack.
// OBJ-LABEL: Disassembly of section .text:
// OBJ-NOT: stack_chk
// OBJ-NOT: .cordon.guard
// OBJ-LABEL: Disassembly of section .cordon.text.s:
// OBJ-LABEL: <smash.cordon_body>:
// OBJ: R_X86_64_PC32 .cordon.guard.s-0x4
// OBJ: R_X86_64_PLT32 __stack_chk_fail-0x4
// OBJ-LABEL: <__stack_chk_fail>:
// OBJ: R_X86_64_PLT32 cordon_stack_chk_fail.cordon_exit-0x4
// OBJ-NEXT: ud2

// NONE-NOT: __stack_chk

void fill(char *buf, long n);

long smash(long n)
{
	char buf[16];

	fill(buf, n);
	return buf[0];
}

/* More arguments than the gate's registers: its wrapper passes a block. */
long many(long a, long b, long c, long d)
{
	return a + b + c + d;
}
