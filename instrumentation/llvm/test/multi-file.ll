; SPDX-License-Identifier: GPL-2.0
; A compartment of several units. This one calls an entry point another
; unit defines (its manifest entry has def= in another file): the call goes
; to that unit's body, sib.cordon_body, not to the wrapper, which is kernel
; code; the ops table still names the wrapper. It calls a function another
; unit defines (a define line): a direct call. And it calls a kernel
; function: an exit. Neither sibling is listed among the calls out.
; RUN: printf 'compartment m\nsource a.c\nsource b.c\nentry sib kind=ops struct=ops field=f var=a_ops at=a.c:20 def=b.c:3\nentry kern_only kind=ops struct=ops field=g var=a_ops at=a.c:21 def=-\ndefine sib at=b.c:3\ndefine helper at=b.c:9\n' > %t.manifest
; RUN: %cordon_opt -cordon-compartment=m -cordon-manifest=%t.manifest -cordon-exits=%t.exits %s | FileCheck %s
; RUN: FileCheck %s --check-prefix=EXITS < %t.exits

; CHECK: @a_ops = constant { ptr, ptr } { ptr @sib, ptr @kern_only }, section ".cordon.rodata.m"
@a_ops = constant { ptr, ptr } { ptr @sib, ptr @kern_only }

declare i64 @sib(i64)
declare i64 @helper(i64)
declare i64 @kern_only(i64)
declare i64 @printk(ptr)

; CHECK-LABEL: define i64 @run(i64 %a) section ".cordon.text.m"
; CHECK-NEXT: %b = call i64 @sib.cordon_body(i64 %a)
; CHECK-NEXT: %c = call i64 @helper(i64 %b)
; CHECK-NEXT: %d = call i64 @printk.cordon_exit(ptr null)
define i64 @run(i64 %a) {
  %b = call i64 @sib(i64 %a)
  %c = call i64 @helper(i64 %b)
  %d = call i64 @printk(ptr null)
  ret i64 %c
}

; CHECK: declare i64 @sib.cordon_body(i64)

; EXITS: exit printk
; EXITS-NOT: exit sib
; EXITS-NOT: exit helper
