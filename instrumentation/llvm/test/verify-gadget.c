// SPDX-License-Identifier: GPL-2.0
// A VMFUNC gadget in a compartment's C source, compiled by the pass, fails
// the build: scripts/cordon-verify scans the compartment's code for the
// encodings the boot-time scan refuses, at every byte, and names the
// function. So do a VMCALL and one hidden inside another instruction's
// immediate (mov $0xd4010f, %eax starts with b8 0f 01 d4).
// RUN: clang -c --target=x86_64-linux-gnu -O2 -Xclang -load -Xclang %plugin -fpass-plugin=%plugin -mllvm -cordon-compartment=g -mllvm -cordon-entry=gadget,hidden -o %t.o %s
// RUN: not %cordon_verify --compartment g %t.o 2>&1 | FileCheck %s -DOBJ=%t.o
// A test compartment that must reach the boot-time scan
// (kunit/gadget_compartment.c) is built with --allow-privileged: warnings.
// RUN: %cordon_verify --allow-privileged --compartment g %t.o 2>&1 | FileCheck %s --check-prefix=ALLOW
// RUN: clang -c --target=x86_64-linux-gnu -O2 -Xclang -load -Xclang %plugin -fpass-plugin=%plugin -mllvm -cordon-compartment=g -mllvm -cordon-entry=clean -DCLEAN -o %t.clean.o %s
// RUN: %cordon_verify --compartment g %t.clean.o

// CHECK-DAG: cordon-verify: [[OBJ]]: compartment g: .cordon.text.g+0x{{[0-9a-f]+}} (gadget.cordon_body+0x{{[0-9a-f]+}}) encodes VMFUNC; compartment code must hold no privileged or view-changing instruction, which the boot-time scan would refuse
// CHECK-DAG: (gadget.cordon_body+0x{{[0-9a-f]+}}) encodes VMCALL;
// CHECK-DAG: (hidden.cordon_body+0x{{[0-9a-f]+}}) encodes VMFUNC;
// ALLOW: (gadget.cordon_body+0x{{[0-9a-f]+}}) encodes VMFUNC; {{.*}} (warning: allowed by --allow-privileged)

#ifdef CLEAN
long clean(long a)
{
	return a * 3;
}
#else
long gadget(long view)
{
	asm volatile("vmfunc" : : "a"(0), "c"(view) : "memory");
	asm volatile("vmcall" : : : "memory");
	return 0;
}

long hidden(long a)
{
	long r;

	asm volatile("movl $0xd4010f, %k0" : "=r"(r));
	return r + a;
}
#endif
