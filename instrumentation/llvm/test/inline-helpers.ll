; SPDX-License-Identifier: GPL-2.0
; Before the inliner, calls of inline kernel helpers that write per-CPU or
; task state go to their out-of-line kernel versions, which the main pass
; then turns into exits; other inline functions stay.
; RUN: opt -load-pass-plugin=%plugin -passes=cordon-inline-helpers -cordon-compartment=brd -S %s | FileCheck %s
; RUN: opt -load-pass-plugin=%plugin -passes=cordon-inline-helpers,cordon-compartment -cordon-compartment=brd -S %s | FileCheck %s --check-prefix=EXIT

define internal ptr @kmap_atomic(ptr %page) {
  ret ptr %page
}

define internal void @__kunmap_atomic(ptr %addr) {
  ret void
}

define internal i32 @other(i32 %x) {
  ret i32 %x
}

; CHECK-LABEL: define void @copy(ptr %page)
; CHECK: call ptr @cordon_kmap_atomic(ptr %page)
; CHECK: call void @cordon_kunmap_atomic(ptr %p)
; CHECK: call i32 @other(i32 1)
; EXIT: call ptr @cordon_kmap_atomic.cordon_exit(ptr %page)
; EXIT: call void @cordon_kunmap_atomic.cordon_exit(ptr %p)
define void @copy(ptr %page) {
  %p = call ptr @kmap_atomic(ptr %page)
  store i8 0, ptr %p
  call void @__kunmap_atomic(ptr %p)
  %x = call i32 @other(i32 1)
  ret void
}
