; SPDX-License-Identifier: GPL-2.0
; Before the inliner, calls of inline kernel helpers that write per-CPU or
; task state, and of the allocators, go to Cordon's out-of-line kernel
; versions, which the main pass then turns into exits; other inline
; functions stay.
; RUN: opt -load-pass-plugin=%plugin -passes=cordon-inline-helpers -cordon-compartment=brd -S %s | FileCheck %s
; RUN: opt -load-pass-plugin=%plugin -passes=cordon-inline-helpers,cordon-compartment -cordon-compartment=brd -S %s | FileCheck %s --check-prefix=EXIT
; RUN: opt -load-pass-plugin=%plugin -passes=cordon-inline-helpers,cordon-compartment -cordon-compartment=brd -S %s | FileCheck %s --check-prefix=REC

define internal ptr @kmap_atomic(ptr %page) {
  ret ptr %page
}

define internal void @__kunmap_atomic(ptr %addr) {
  ret void
}

define internal ptr @kmalloc(i64 %size, i32 %gfp) {
  ret ptr null
}

declare void @kfree(ptr)

define internal i32 @other(i32 %x) {
  ret i32 %x
}

; CHECK-LABEL: define void @copy(ptr %page)
; CHECK: call ptr @cordon_kmap_atomic(ptr %page)
; CHECK: call void @cordon_kunmap_atomic(ptr %p)
; CHECK: call ptr @cordon_kmalloc(i64 64, i32 3264)
; CHECK: call void @cordon_kfree(ptr %m)
; CHECK: call i32 @other(i32 1)
; EXIT: call ptr @cordon_kmap_atomic.cordon_exit(ptr %page)
; EXIT: call void @cordon_kunmap_atomic.cordon_exit(ptr %p)
; The allocators' exits keep the crossing's preemption count (flag 1).
; REC-DAG: @cordon_kmalloc.cordon_exit_rec = internal global {{.*}} i64 1 }
; REC-DAG: @cordon_kfree.cordon_exit_rec = internal global {{.*}} i64 1 }
; REC-DAG: @cordon_kunmap_atomic.cordon_exit_rec = internal global {{.*}} i64 0 }
define void @copy(ptr %page) {
  %p = call ptr @kmap_atomic(ptr %page)
  store i8 0, ptr %p
  call void @__kunmap_atomic(ptr %p)
  %m = call ptr @kmalloc(i64 64, i32 3264)
  call void @kfree(ptr %m)
  %x = call i32 @other(i32 1)
  ret void
}
