// SPDX-License-Identifier: GPL-2.0
// A compartment of two units, built with the same manifest. Unit A calls
// an entry point of unit B (through B's body, mf_sib.cordon_body) and a
// function of B (mf_helper), and its ops table names B's entry point (its
// wrapper). With the manifest the verifier accepts both objects; without
// it, each of A's references to B is a way out.
// RUN: printf 'compartment mf\nsource a.c\nsource b.c\nentry mf_sib kind=ops struct=o field=f var=mf_ops at=a.c:9 def=b.c:2\nentry mf_run kind=ops struct=o field=g var=mf_ops at=a.c:9 def=a.c:5\ndefine mf_run at=a.c:5\ndefine mf_sib at=b.c:2\ndefine mf_helper at=b.c:7\n' > %t.manifest
// RUN: clang -c --target=x86_64-linux-gnu -O2 -Xclang -load -Xclang %plugin -fpass-plugin=%plugin -mllvm -cordon-compartment=mf -mllvm -cordon-manifest=%t.manifest -DUNIT_A -o %t.a.o %s
// RUN: clang -c --target=x86_64-linux-gnu -O2 -Xclang -load -Xclang %plugin -fpass-plugin=%plugin -mllvm -cordon-compartment=mf -mllvm -cordon-manifest=%t.manifest -DUNIT_B -o %t.b.o %s
// RUN: %cordon_verify --manifest %t.manifest --compartment mf %t.a.o %t.b.o
// Linked together, A's call finds B's body, which B keeps global (hidden).
// RUN: ld.lld -r -o %t.ab.o %t.a.o %t.b.o
// RUN: llvm-nm %t.ab.o | FileCheck %s --check-prefix=LINKED
// RUN: llvm-nm --undefined-only %t.ab.o | FileCheck %s --check-prefix=UNDEF --allow-empty
// RUN: not %cordon_verify --compartment mf %t.a.o 2>&1 | FileCheck %s -DOBJ=%t.a.o
// RUN: not %cordon_verify --manifest %t.missing --compartment mf %t.a.o 2>&1 | FileCheck %s --check-prefix=MISSING

// CHECK-DAG: cordon-verify: [[OBJ]]: compartment mf: .cordon.text.mf+0x{{[0-9a-f]+}} (mf_run.cordon_body+0x{{[0-9a-f]+}}) references mf_sib.cordon_body, which is outside the compartment;
// CHECK-DAG: (mf_run.cordon_body+0x{{[0-9a-f]+}}) references mf_helper, which is outside the compartment;
// CHECK-DAG: .cordon.rodata.mf+0x0 (mf_ops+0x0) references mf_sib, which is outside the compartment;
// LINKED: T mf_sib.cordon_body
// UNDEF-NOT: mf_
// MISSING: cordon-verify: cannot read manifest {{.*}}.missing: No such file or directory; generate it with scripts/cordon-manifest

struct o {
	long (*f)(long);
	long (*g)(long);
};

#ifdef UNIT_A
long mf_sib(long a);
long mf_helper(long a);

long mf_run(long a)
{
	return mf_sib(a) + mf_helper(a);
}

const struct o mf_ops = { .f = mf_sib, .g = mf_run };
#else
long mf_sib(long a)
{
	return a + 1;
}

long mf_helper(long a)
{
	return a * 2;
}
#endif
