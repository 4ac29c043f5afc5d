; SPDX-License-Identifier: GPL-2.0
; Before the inliner, loads and stores of a struct page (page->index)
; become calls of cordon_page_load() and cordon_page_store(), exits that
; keep the crossing's preemption count (flag 1) and allow them on the
; compartment's own pages only. Other structures' fields stay.
; RUN: opt -load-pass-plugin=%plugin -passes=cordon-inline-helpers -cordon-compartment=brd -S %s | FileCheck %s
; RUN: opt -load-pass-plugin=%plugin -passes=cordon-inline-helpers,cordon-compartment -cordon-compartment=brd -S %s | FileCheck %s --check-prefix=REC

%struct.page = type { i64, %union.anon, i32, i32, i64 }
%union.anon = type { %struct.anon }
%struct.anon = type { ptr, ptr, ptr, i64, i64 }
%struct.page_counter = type { i64, i64 }
%struct.brd = type { i32, ptr }

; CHECK-LABEL: define i1 @insert(ptr %page, i64 %idx, ptr %brd, ptr %pc)
; page->index = idx, through the anonymous union and struct
; CHECK: %[[IDX:.*]] = getelementptr inbounds %struct.anon, ptr %{{.*}}, i32 0, i32 3
; CHECK-NEXT: call void @cordon_page_store(ptr %[[IDX]], i64 %idx, i32 8)
; page->mapping, a pointer
; CHECK: %[[MAP:.*]] = call i64 @cordon_page_load(ptr %{{.*}}, i32 8)
; CHECK-NEXT: inttoptr i64 %[[MAP]] to ptr
; a 4-byte field, carried in a u64
; CHECK: call void @cordon_page_store(ptr %cnt, i64 7, i32 4)
; CHECK: %[[CNT:.*]] = call i64 @cordon_page_load(ptr %{{.*}}, i32 4)
; CHECK-NEXT: trunc i64 %[[CNT]] to i32
; the compartment's own structures and struct page_counter stay
; CHECK: store i32 1, ptr %brd
; CHECK: store i64 2, ptr %pc
; CHECK-NOT: load {{.*}}%struct.page
; REC-DAG: @cordon_page_store.cordon_exit_rec = internal global {{.*}} i64 1 }
; REC-DAG: @cordon_page_load.cordon_exit_rec = internal global {{.*}} i64 1 }
define i1 @insert(ptr %page, i64 %idx, ptr %brd, ptr %pc) {
  %u = getelementptr inbounds %struct.page, ptr %page, i32 0, i32 1
  %index = getelementptr inbounds %struct.anon, ptr %u, i32 0, i32 3
  store i64 %idx, ptr %index
  %m = getelementptr inbounds %struct.page, ptr %page, i32 0, i32 1
  %mapping = load ptr, ptr %m
  %cnt = getelementptr inbounds %struct.page, ptr %page, i32 0, i32 2
  store i32 7, ptr %cnt
  %c = load i32, ptr %cnt
  store i32 1, ptr %brd
  store i64 2, ptr %pc
  %r = icmp eq ptr %mapping, null
  %z = icmp eq i32 %c, 7
  %both = and i1 %r, %z
  ret i1 %both
}
