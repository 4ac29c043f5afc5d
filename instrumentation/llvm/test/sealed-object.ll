; SPDX-License-Identifier: GPL-2.0
; The SELinux server's own state and tables (compartment flask):
; - object=: an entry point's argument is replaced by the compartment's
;   own object, in the stub's lend table (its address) and, without
;   views, in the wrapper's direct call; the kernel side lends nothing;
; - -cordon-readable: a table of names the kernel reads, and the strings
;   it points at, go to .cordon.readable.<name>, the rest to .rodata;
; - the sealed data table: a sealed unit's references to the kernel's
;   selinux_state and secclass_map become the server's own.
; RUN: echo "lend get arg=1 object=cordon_flask_state" > %t.lends
; RUN: echo "lend get arg=2 access=w size=4" >> %t.lends
; RUN: %cordon_opt -cordon-compartment=flask -cordon-kind=sealed -cordon-entry=get -cordon-lends=%t.lends -cordon-readable=names %s | FileCheck %s
; RUN: %cordon_opt -cordon-compartment=flask -cordon-kind=sealed -cordon-entry=get -cordon-lends=%t.lends %s | FileCheck %s --check-prefix=DATA
; RUN: echo "lend get arg=1 object=cordon_flask_state access=r" > %t.bad
; RUN: not %cordon_opt -cordon-compartment=flask -cordon-kind=sealed -cordon-entry=get -cordon-lends=%t.bad %s 2>&1 | FileCheck %s --check-prefix=BAD
; RUN: not %cordon_opt -cordon-compartment=flask -cordon-kind=sealed -cordon-readable=counter %s 2>&1 | FileCheck %s --check-prefix=NOTCONST

; CHECK-DAG: @names = constant [2 x ptr] [ptr @.str.a, ptr @.str.b], section ".cordon.readable.flask"
; CHECK-DAG: @.str.a = private constant [2 x i8] c"a\00", section ".cordon.readable.flask"
; CHECK-DAG: @.str.b = private constant [2 x i8] c"b\00", section ".cordon.readable.flask"
; CHECK-DAG: @.str.c = private constant [2 x i8] c"c\00", section ".cordon.rodata.flask"
; CHECK-DAG: @get.cordon_lends = internal constant [2 x { i32, i32, i64, i32, i32 }] [{ i32, i32, i64, i32, i32 } { i32 1, i32 0, i64 ptrtoint (ptr @cordon_flask_state to i64), i32 0, i32 5 }, { i32, i32, i64, i32, i32 } { i32 2, i32 2, i64 4, i32 0, i32 0 }]

; Without views the body gets the object too.
; CHECK-LABEL: define i64 @get(ptr %0, ptr %1)
; CHECK: direct:
; CHECK-NEXT: call i64 @get.cordon_body(ptr @cordon_flask_state, ptr %1)
; The kernel side lends nothing for it: start 0, length 0, kind 5.
; CHECK: cross:
; CHECK: store i64 0, ptr
; CHECK: store i64 0, ptr
; CHECK: store i32 0, ptr
; CHECK: store i32 5, ptr

; DATA-LABEL: define internal i32 @audit_match(
; DATA: load i32, ptr @cordon_flask_state
; DATA: getelementptr {{.*}} @cordon_flask_secclass_map

; BAD: object= takes arg= and nothing else
; NOTCONST: cordon: -cordon-readable names counter, which is not constant

@.str.a = private constant [2 x i8] c"a\00"
@.str.b = private constant [2 x i8] c"b\00"
@.str.c = private constant [2 x i8] c"c\00"
@names = constant [2 x ptr] [ptr @.str.a, ptr @.str.b]
@other = constant ptr @.str.c
@counter = global i32 0
@selinux_state = external global i32
@secclass_map = external constant [4 x i64]

define i64 @get(ptr %state, ptr %out) {
  %v = load i32, ptr %state
  store i32 %v, ptr %out
  ret i64 0
}

define internal i32 @audit_match(i64 %i) {
  %v = load i32, ptr @selinux_state
  %p = getelementptr [4 x i64], ptr @secclass_map, i64 0, i64 %i
  %w = load i64, ptr %p
  %t = trunc i64 %w to i32
  %r = add i32 %v, %t
  ret i32 %r
}

define i32 @use() {
  %a = call i32 @audit_match(i64 1)
  %b = load ptr, ptr @names
  %c = load ptr, ptr @other
  store i32 %a, ptr @counter
  ret i32 %a
}
