/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon tracepoints: gate crossings and #VE verdicts.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM cordon

#if !defined(_TRACE_CORDON_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_CORDON_H

#include <linux/tracepoint.h>

TRACE_EVENT(cordon_gate,

	TP_PROTO(unsigned int view, unsigned int compartment, long ret),

	TP_ARGS(view, compartment, ret),

	TP_STRUCT__entry(
		__field(unsigned int, view)
		__field(unsigned int, compartment)
		__field(long, ret)
	),

	TP_fast_assign(
		__entry->view = view;
		__entry->compartment = compartment;
		__entry->ret = ret;
	),

	TP_printk("view=%u compartment=%u ret=%ld", __entry->view,
		  __entry->compartment, __entry->ret)
);

TRACE_EVENT(cordon_ve,

	TP_PROTO(unsigned int view, u64 gla, u64 gpa, u64 qual,
		 unsigned long rip, int verdict),

	TP_ARGS(view, gla, gpa, qual, rip, verdict),

	TP_STRUCT__entry(
		__field(unsigned int, view)
		__field(u64, gla)
		__field(u64, gpa)
		__field(u64, qual)
		__field(unsigned long, rip)
		__field(int, verdict)
	),

	TP_fast_assign(
		__entry->view = view;
		__entry->gla = gla;
		__entry->gpa = gpa;
		__entry->qual = qual;
		__entry->rip = rip;
		__entry->verdict = verdict;
	),

	TP_printk("view=%u gla=0x%llx gpa=0x%llx qual=0x%llx rip=%pS verdict=%s",
		  __entry->view, __entry->gla, __entry->gpa, __entry->qual,
		  (void *)__entry->rip,
		  __print_symbolic(__entry->verdict, { 0, "deny" },
				   { 1, "grant" }, { 2, "permissive" }))
);

#endif /* _TRACE_CORDON_H */

/* This part must be outside protection */
#include <trace/define_trace.h>
