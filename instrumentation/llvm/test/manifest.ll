; SPDX-License-Identifier: GPL-2.0
; Entry points come from the manifest's "entry" lines; other lines and
; comments are skipped, and an entry defined in another unit is left alone.
; RUN: printf '# generated\ncompartment brd\nentry probe kind=probe\nentry elsewhere kind=ops\nsource drivers/block/brd.c\n' > %t.manifest
; RUN: %cordon_opt -cordon-compartment=brd -cordon-manifest=%t.manifest %s | FileCheck %s

; CHECK: define internal void @probe.cordon_body(i32 %dev)
define internal void @probe(i32 %dev) {
  ret void
}

; CHECK: define internal void @probe(i32 %0)
; CHECK: %[[D:[0-9]+]] = zext i32 %0 to i64
; CHECK: call i64 @cordon_gate(ptr %{{[0-9]+}}, i64 %[[D]], i64 0, i64 0)
; CHECK-NOT: elsewhere
