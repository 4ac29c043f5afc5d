; SPDX-License-Identifier: GPL-2.0
; An entry point with lend annotations crosses through cordon_gate_lent()
; with an array of { start, len, access, kind } built in the wrapper: a
; range whose size is another argument, a fixed one, a bio, a page. Entry points
; without annotations keep cordon_gate(). A malformed line stops the build
; with the file, the line and the expected form.
; RUN: printf 'lend fill arg=1 access=rw size=arg2\nlend fill arg=3 access=r size=64\nlend submit arg=1 access=rw size=bio abort=end\nlend rw_page arg=2 access=rw size=page\n' > %t.lends
; RUN: %cordon_opt -cordon-compartment=brd -cordon-entry=fill,submit,rw_page,plain -cordon-lends=%t.lends %s -o %t.out
; RUN: FileCheck %s --check-prefix=FILL < %t.out
; RUN: FileCheck %s --check-prefix=SUBMIT < %t.out
; RUN: FileCheck %s --check-prefix=PLAIN < %t.out
; RUN: FileCheck %s --check-prefix=PAGE < %t.out
; RUN: printf 'lend fill arg=1 access=rwx size=8\n' > %t.bad
; RUN: not %cordon_opt -cordon-compartment=brd -cordon-entry=fill -cordon-lends=%t.bad %s 2>&1 | FileCheck %s --check-prefix=BAD
; RUN: printf 'lend fill arg=2 access=rw size=8\n' > %t.wrong
; RUN: printf 'lend-return kzalloc access=rw size=ksize\nlend-return k2 access=r size=64\n' > %t.ret
; RUN: %cordon_opt -cordon-compartment=brd -cordon-lends=%t.ret %s -o - | FileCheck %s --check-prefix=RET
; RUN: printf 'lend-return k2 access=rw size=big\n' > %t.badret
; RUN: not %cordon_opt -cordon-compartment=brd -cordon-lends=%t.badret %s 2>&1 | FileCheck %s --check-prefix=BADRET
; RUN: not %cordon_opt -cordon-compartment=brd -cordon-entry=fill -cordon-lends=%t.wrong %s 2>&1 | FileCheck %s --check-prefix=WRONG
; RUN: printf 'lend fill arg=1 access=rw size=8 abort=end\n' > %t.badabort
; RUN: not %cordon_opt -cordon-compartment=brd -cordon-entry=fill -cordon-lends=%t.badabort %s 2>&1 | FileCheck %s --check-prefix=BADABORT

; BAD: cordon: {{.*}}.bad:1: bad access 'rwx' (expected: lend <fn> arg=<n> access=r|rw|w size=<bytes>|arg<m>|bio|page|str [abort=end] [alloc=arg<m>[*<k>]] [copy=pull], lend <fn> arg=<n> object=<symbol>, or lend-return <fn> access=r|rw size=<bytes>|ksize)
; BADRET: cordon: {{.*}}.badret:1: bad 'size=big'
; What an annotated kernel function returns is lent: exit record flags
; 2 | access << 8 | size << 32 (0: ksize).
; RET-DAG: @kzalloc.cordon_exit_rec = internal global {{.*}} i64 770 }
; RET-DAG: @k2.cordon_exit_rec = internal global {{.*}} i64 274877907202 }
; RET-DAG: @other.cordon_exit_rec = internal global {{.*}} i64 0 }
; BADABORT: cordon: {{.*}}.badabort:1: abort=end is for size=bio only
; WRONG: cordon: lend annotation of fill names an argument it does not have, or one of the wrong type

define i64 @fill(ptr %buf, i64 %len, ptr %key) {
  ret i64 0
}

define void @submit(ptr %bio) {
  call ptr @kzalloc(i64 8, i32 0)
  call ptr @k2()
  call void @other()
  ret void
}

declare ptr @kzalloc(i64, i32)
declare ptr @k2()
declare void @other()

define i32 @rw_page(i64 %sector, ptr %page, i32 %op) {
  ret i32 0
}

define i32 @plain(i32 %x) {
  ret i32 %x
}

; FILL-LABEL: define i64 @fill(ptr %0, i64 %1, ptr %2)
; FILL: %[[A:[0-9]+]] = alloca { i64, i64, i32, i32 }, i32 2
; FILL: store i64 %{{[0-9]+}}, ptr
; FILL: store i64 %1, ptr
; FILL: store i32 3, ptr
; FILL: store i32 0, ptr
; FILL: store i64 64, ptr
; FILL: store i32 1, ptr
; FILL: call i64 @cordon_gate_lent(ptr %{{[0-9]+}}, i64 %{{[0-9]+}}, i64 %1, i64 %{{[0-9]+}}, ptr %[[A]], i64 2)

; SUBMIT-LABEL: define void @submit(ptr %0)
; SUBMIT: alloca { i64, i64, i32, i32 }, align 8
; SUBMIT: store i64 0, ptr
; SUBMIT: store i32 3, ptr
; abort=end: kind 1 | 0x100
; SUBMIT: store i32 257, ptr
; SUBMIT: call i64 @cordon_gate_lent(

; The page a struct page argument points at: kind 2.
; PAGE-LABEL: define i32 @rw_page(i64 %0, ptr %1, i32 %2)
; PAGE: store i64 0, ptr
; PAGE: store i32 3, ptr
; PAGE: store i32 2, ptr
; PAGE: call i64 @cordon_gate_lent(

; PLAIN-LABEL: define i32 @plain(i32 %0)
; PLAIN: call i64 @cordon_gate(
