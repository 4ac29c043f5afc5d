// SPDX-License-Identifier: GPL-2.0
// The plugin as kbuild loads it for one object: clang loads it at start-up
// (-Xclang -load, so that its -mllvm options exist) and runs it after the
// optimisation pipeline (-fpass-plugin). An ops table keeps its C type and
// points at the wrapper.
// RUN: %cordon_clang -mllvm -cordon-entry=my_probe %s | FileCheck %s

struct ops {
	int (*probe)(int);
	void (*remove)(int);
};

static int my_probe(int x)
{
	return x + 1;
}

static void my_remove(int x)
{
}

// CHECK: @my_ops = {{.*}}constant %struct.ops { ptr @my_probe, ptr @my_remove }, section ".cordon.rodata.demo"
const struct ops my_ops = { .probe = my_probe, .remove = my_remove };

// CHECK: define internal i32 @my_probe.cordon_body(i32 noundef %0) {{.*}}section ".cordon.text.demo"
// CHECK: define internal void @my_remove(i32 {{.*}}section ".cordon.text.demo"
// CHECK: define internal i32 @my_probe(i32 noundef %0)
// CHECK: call i64 @cordon_gate(
// CHECK: define internal i64 @my_probe.cordon_stub(
