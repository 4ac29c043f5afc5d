; SPDX-License-Identifier: GPL-2.0
; The calls out of the compartment, which exit gates will carry: every
; function the unit calls but does not define (intrinsics aside), once
; each and sorted, and a count of calls through pointers. Calls between
; the unit's own functions are not exits.
; RUN: %cordon_opt -cordon-compartment=brd -cordon-exits=%t.exits %s -o /dev/null
; RUN: FileCheck %s < %t.exits
; RUN: not %cordon_opt -cordon-compartment=brd -cordon-exits=/nonexistent/dir/x %s 2>&1 | FileCheck %s --check-prefix=ERR

; CHECK: # Cordon compartment brd: calls out of {{.*}}exits.ll, written by the pass
; CHECK-NEXT: exit alloc_page
; CHECK-NEXT: exit kfree
; CHECK-NEXT: exit register_blkdev
; CHECK-NEXT: indirect 1
; CHECK-NOT: exit
; ERR: cordon: cannot write '/nonexistent/dir/x'

declare ptr @alloc_page(i32)
declare void @kfree(ptr)
declare i32 @register_blkdev(i32, ptr)
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)

define internal void @helper(ptr %p) {
  call void @kfree(ptr %p)
  ret void
}

define i32 @init(ptr %cb) {
  %p = call ptr @alloc_page(i32 0)
  call void @llvm.memset.p0.i64(ptr %p, i8 0, i64 4096, i1 false)
  call void @helper(ptr %p)
  call void @kfree(ptr %p)
  call void %cb()
  %r = call i32 @register_blkdev(i32 0, ptr null)
  ret i32 %r
}
