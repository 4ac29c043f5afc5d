// SPDX-License-Identifier: GPL-2.0
// -cordon-adapted across units of a sealed compartment: unit B defines
// ad_use(), which the kernel reaches through an adapter of its own; unit A
// defines the entry point the adapter crosses into, which calls ad_use().
// Both take the hidden name ad_use.cordon_adapted; with the manifest (a
// define line for ad_use) the verifier accepts A's call, and linked
// together nothing named ad_use is left for the kernel's adapter to clash
// with. Without the manifest the call is a way out.
// RUN: printf 'compartment ad\nsource a.c\nsource b.c\nentry ad_entry kind=caller at=a.c:5 def=a.c:5\ndefine ad_entry at=a.c:5\ndefine ad_use at=b.c:2\n' > %t.manifest
// RUN: clang -c --target=x86_64-linux-gnu -O2 -Xclang -load -Xclang %plugin -fpass-plugin=%plugin -mllvm -cordon-compartment=ad -mllvm -cordon-kind=sealed -mllvm -cordon-manifest=%t.manifest -mllvm -cordon-adapted=ad_use -DUNIT_A -o %t.a.o %s
// RUN: clang -c --target=x86_64-linux-gnu -O2 -Xclang -load -Xclang %plugin -fpass-plugin=%plugin -mllvm -cordon-compartment=ad -mllvm -cordon-kind=sealed -mllvm -cordon-manifest=%t.manifest -mllvm -cordon-adapted=ad_use -DUNIT_B -o %t.b.o %s
// RUN: %cordon_verify --kind sealed --manifest %t.manifest --compartment ad %t.a.o %t.b.o
// RUN: ld.lld -r -o %t.ab.o %t.a.o %t.b.o
// RUN: llvm-nm %t.ab.o | FileCheck %s --check-prefix=LINKED
// RUN: not %cordon_verify --kind sealed --compartment ad %t.a.o 2>&1 | FileCheck %s

// CHECK: references ad_use.cordon_adapted, which is outside the compartment;
// LINKED: T ad_use.cordon_adapted
// LINKED-NOT: {{ }}ad_use{{$}}

#ifdef UNIT_A
long ad_use(long *p);

long ad_entry(long a)
{
	return ad_use(&a);
}
#else
long ad_use(long *p)
{
	return *p + 1;
}
#endif
