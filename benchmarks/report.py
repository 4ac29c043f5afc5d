#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Cordon benchmark report: the baseline kernel against the hardened one.

usage: report.py --dir DIR [--cost-model FILE] [--mode quick|full]
                 [--icount] [--no-plots] [--variants baseline,hardened[,unsealed]]

Reads DIR/runs.tsv (written by scripts/bench: one run per line, "variant
n exit-status seconds reason") and the serial logs DIR/run-VARIANT-N.log
that scripts/guest/cordon-bench filled, and writes
  DIR/report.md     main table, counters, model, micro costs, details
  DIR/results.csv   every value of every run
  DIR/checks.txt    one line per check: "PASS|FAIL <variant> <test> <why>"
  DIR/ratio.png     hardened against baseline per test, emulated and model
  DIR/spread.png    run-to-run spread per test and variant
Prints the main table and one line per failed check; exits 1 if a check
failed (a run that died, a test without a value, an unparsable line) or
gnuplot is missing, else 0. Python standard library only.
"""
import argparse
import configparser
import csv
import math
import os
import shutil
import statistics
import subprocess
import sys

VARIANTS = ('baseline', 'hardened', 'unsealed')
# The variants the runs must cover (--variants): "unsealed", the hardened
# kernel with cordon=off, only where scripts/bench ran it.
EXPECTED = ['baseline', 'hardened']
COUNTERS = ('vmfunc', 'vmfunc_ud', 've', 'violation_exits', 'hypercalls',
            'hypercall_errors', 'tlb_flushes', 'instructions', 'crossings')
# The AVC's statistics and the crossings into the sealed security server
# (cordon-bench's sel_sum), in SPAN lines beside the hypervisor's counters.
SEL_COUNTERS = ('avc_lookups', 'avc_hits', 'avc_misses', 'server_crossings')
# Units where a smaller value is better; every other unit is a rate or score.
LOWER_BETTER = {'us', 'ns', 'ms', 's', 'tsc-ticks'}
# Results that restate another one (TSC ticks, the ring overhead, UnixBench
# per-test indices): in the details, not in the main table.
# Operation counts (<test>_ops) of cordon-blockio, for its per-operation table.
AUX_SUFFIXES = ('_tsc', '_ovr', '_index', '_ops')
PROGRAM_ORDER = ('cordon-lmbench', 'cordon-unixbench', 'stress-ng', 'sysbench',
                 'cordon-blockio')
SHORT = {'cordon-lmbench': 'lmbench', 'cordon-unixbench': 'unixbench',
         'cordon-blockio': 'blockio'}
# UnixBench's index needs all of its tests.
UNIXBENCH_TESTS = 12
MARKERS = ('BENCH', 'BENCH-FAIL', 'BENCH-PLAN', 'BENCH-CONFIG', 'BENCH-DONE',
           'SPAN-BEGIN', 'SPAN-END', 'COUNTERS-BEFORE', 'COUNTERS-PROBE',
           'COUNTERS-AFTER', 'MICRO', 'MICRO-CTR', 'SEL-PROBE')


# === Parsing ===

class Span:
    def __init__(self, prog, sel, t0, c0, lineno):
        self.prog, self.sel, self.t0, self.c0 = prog, sel, t0, c0
        self.lineno = lineno
        self.t1 = self.c1 = self.status = None


class Result:
    def __init__(self, value, unit, lineno, span):
        self.value, self.unit, self.lineno, self.span = value, unit, lineno, span


class Run:
    def __init__(self, variant, n, path):
        self.variant, self.n, self.path = variant, n, path
        self.host_rc = None
        self.host_seconds = None
        self.host_reason = ''
        self.host_other = None    # cores busy with other work meanwhile
        self.host_steal = None    # cores the hypervisor stole meanwhile
        self.status = None        # CORDON-RESULT
        self.config = {}
        self.plan = []
        self.results = {}         # (prog, test) -> Result
        self.fails = {}           # (prog, test) -> (lineno, text)
        self.malformed = []       # (lineno, text, why)
        self.spans = {}           # (prog, sel) -> Span
        self.counters = {}        # BEFORE/PROBE/AFTER -> {counter: sum}
        self.counters_na = {}     # BEFORE/... -> reason
        self.micro = {}           # name -> {k: v} or {'n.a.': reason}
        self.micro_ctr = {}       # name -> {'before': {..}, 'after': {..}}
        self.sel_probe = {}       # 'before'/'after' -> {counter: value}
        self.done_t = None

    @property
    def name(self):
        return f'{self.variant}-{self.n}'

    def first_t(self):
        ts = [s.t0 for s in self.spans.values() if s.t0 is not None]
        return min(ts) if ts else None


def kv(tokens):
    """{k: int-or-str} from "k=v" tokens; None if one is not k=v."""
    out = {}
    for t in tokens:
        if '=' not in t:
            return None
        k, v = t.split('=', 1)
        try:
            out[k] = int(v)
        except ValueError:
            out[k] = v
    return out


def number(text):
    try:
        v = float(text)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def parse_log(run):
    """Fill RUN from its serial log."""
    try:
        with open(run.path, errors='replace') as f:
            lines = f.read().split('\n')
    except OSError as e:
        run.host_reason = run.host_reason or f'no log: {e.strerror}'
        return
    span = None
    for lineno, raw in enumerate(lines, 1):
        line = raw.rstrip('\r')
        if line.startswith('CORDON-RESULT: status='):
            st = line.split('=', 1)[1].strip()
            run.status = int(st) if st.isdigit() else None
            continue
        tok = line.split()
        if not tok or tok[0] not in MARKERS:
            continue
        bad = parse_line(run, tok, line, lineno, span)
        if bad:
            run.malformed.append((lineno, line, bad))
            continue
        if tok[0] == 'SPAN-BEGIN':
            span = run.spans[(tok[1], tok[2])]
        elif tok[0] == 'SPAN-END':
            span = None


def parse_line(run, tok, line, lineno, span):
    """Record one marked line; return why it is malformed, or None."""
    kind = tok[0]
    if kind == 'BENCH':
        if len(tok) != 5:
            return 'expected "BENCH <program> <test> <value> <unit>"'
        value = number(tok[3])
        if value is None:
            return f'value "{tok[3]}" is not a number'
        key = (tok[1], tok[2])
        old = run.results.get(key)
        # "--only pf_file" also runs pf_file_wr: keep the test's own span.
        if old is None or (old.span != key[1] and span and span.sel == key[1]):
            run.results[key] = Result(value, tok[4], lineno, span.sel if span else None)
    elif kind == 'BENCH-FAIL':
        if len(tok) < 3:
            return 'expected "BENCH-FAIL <program> <test> errno=<n> <why>"'
        run.fails.setdefault((tok[1], tok[2]), (lineno, line))
    elif kind == 'BENCH-PLAN':
        if len(tok) != 3:
            return 'expected "BENCH-PLAN <program> <test>"'
        run.plan.append((tok[1], tok[2]))
    elif kind == 'BENCH-CONFIG':
        run.config = kv(tok[1:]) or {}
    elif kind == 'BENCH-DONE':
        d = kv(tok[1:])
        if d is None or not isinstance(d.get('t'), int):
            return 'expected "BENCH-DONE t=<ns> status=<n>"'
        run.done_t = d['t']
    elif kind in ('SPAN-BEGIN', 'SPAN-END'):
        d = kv(tok[3:]) if len(tok) >= 4 else None
        if d is None or not isinstance(d.get('t'), int):
            return f'expected "{kind} <program> <test> t=<ns> [k=v...]"'
        t = d.pop('t')
        key = (tok[1], tok[2])
        if kind == 'SPAN-BEGIN':
            run.spans[key] = Span(tok[1], tok[2], t, d, lineno)
        else:
            s = run.spans.get(key)
            if s is None:
                return 'SPAN-END without SPAN-BEGIN'
            st = d.pop('status', None)
            s.t1, s.c1 = t, d
            s.status = st if isinstance(st, int) else None
    elif kind.startswith('COUNTERS-'):
        which = kind.split('-', 1)[1]
        if len(tok) >= 2 and tok[1] == 'n.a.':
            run.counters_na[which] = line.split('n.a.', 1)[1].strip().strip('()')
            return None
        d = kv(tok[2:]) if len(tok) >= 3 and tok[1].startswith('cpu') else None
        if d is None:
            return f'expected "{kind} cpuN k=v..."'
        total = run.counters.setdefault(which, {})
        for k, v in d.items():
            if isinstance(v, int):
                total[k] = total.get(k, 0) + v
    elif kind == 'MICRO':
        if len(tok) >= 3 and tok[2] == 'n.a.':
            run.micro[tok[1]] = {'n.a.': line.split('n.a.', 1)[1].strip().strip('()')}
            return None
        d = kv(tok[2:]) if len(tok) >= 3 else None
        if d is None:
            return 'expected "MICRO <name> k=v..."'
        run.micro[tok[1]] = d
    elif kind == 'SEL-PROBE':
        d = kv(tok[2:]) if len(tok) >= 2 else None
        if d is None or tok[1] not in ('before', 'after'):
            return 'expected "SEL-PROBE before|after [k=v...]"'
        run.sel_probe[tok[1]] = d
    elif kind == 'MICRO-CTR':
        d = kv(tok[3:]) if len(tok) >= 3 else None
        if d is None or tok[2] not in ('before', 'after'):
            return 'expected "MICRO-CTR <name> before|after k=v..."'
        run.micro_ctr.setdefault(tok[1], {})[tok[2]] = d
    return None


def add_unixbench_index(run):
    """The UnixBench index (geometric mean of the per-test indices) of a run
    that ran every UnixBench test, each in its own process."""
    planned = [s for p, s in run.plan if p == 'cordon-unixbench']
    if len(planned) < UNIXBENCH_TESTS:
        return
    vals = [run.results.get(('cordon-unixbench', s + '_index')) for s in planned]
    if any(v is None or v.value <= 0 for v in vals):
        return
    g = math.exp(sum(math.log(v.value) for v in vals) / len(vals))
    run.results[('cordon-unixbench', 'index')] = Result(g, 'index', vals[-1].lineno, None)


def load_runs(d):
    """Runs listed in DIR/runs.tsv, else every DIR/run-*.log."""
    runs = []
    tsv = os.path.join(d, 'runs.tsv')
    if os.path.exists(tsv):
        with open(tsv) as f:
            for line in f:
                parts = line.rstrip('\n').split('\t')
                if len(parts) < 2 or parts[0] not in VARIANTS:
                    continue
                r = Run(parts[0], int(parts[1]),
                        os.path.join(d, f'run-{parts[0]}-{parts[1]}.log'))
                if len(parts) > 2 and parts[2].lstrip('-').isdigit():
                    r.host_rc = int(parts[2])
                if len(parts) > 3 and number(parts[3]) is not None:
                    r.host_seconds = float(parts[3])
                r.host_reason = parts[4] if len(parts) > 4 else ''
                if len(parts) > 6:
                    r.host_other, r.host_steal = number(parts[5]), number(parts[6])
                runs.append(r)
    else:
        for name in sorted(os.listdir(d)):
            if name.startswith('run-') and name.endswith('.log'):
                variant, _, n = name[4:-4].rpartition('-')
                if variant in VARIANTS and n.isdigit():
                    runs.append(Run(variant, int(n), os.path.join(d, name)))
    for r in runs:
        parse_log(r)
        # In a program's own span, "index_partial" is the index of that one
        # test: meaningless across tests, so not kept.
        r.results.pop(('cordon-unixbench', 'index_partial'), None)
        add_unixbench_index(r)
    return runs


# === Statistics and model ===

def lower_better(unit):
    return unit in LOWER_BETTER


def fmt(v, digits=4):
    if v is None:
        return 'n.a.'
    if v == 0:
        return '0'
    if isinstance(v, int):
        return f'{v:,}'
    mag = math.floor(math.log10(abs(v)))
    if mag >= digits - 1:
        return f'{v:,.0f}'
    return f'{v:.{max(0, digits - 1 - mag)}f}'


def rel(path, base):
    return os.path.relpath(path, base) if path else ''


def whole(v):
    """V as an int if it is one (cycle counts print without decimals)."""
    return int(v) if float(v).is_integer() else v


class CostModel:
    def __init__(self, path):
        self.path = path
        cp = configparser.ConfigParser(inline_comment_prefixes=('#', ';'))
        if not cp.read(path):
            raise SystemExit(f'report.py: cannot read the cost model {path}')
        self.freq_ghz = cp.getfloat('cpu', 'freq_ghz')
        self.cpi = cp.getfloat('cpu', 'cpi', fallback=1.0)
        self.events = {}          # section -> dict
        for sec in cp.sections():
            if sec == 'cpu':
                continue
            s = cp[sec]
            cyc = whole(s.getfloat('cycles'))
            self.events[sec] = {
                'counter': s.get('counter'),
                'cycles': cyc,
                'low': whole(s.getfloat('low', fallback=cyc)),
                'high': whole(s.getfloat('high', fallback=cyc)),
                'source': s.get('source', ''),
            }

    def cycles(self, deltas, which='cycles'):
        """Modelled cycles of the counted events in DELTAS."""
        return sum(e[which] * deltas.get(e['counter'], 0)
                   for e in self.events.values() if e['counter'])

    def ns(self, cycles):
        return cycles / self.freq_ghz


def span_delta(span, probe):
    """Counter deltas over SPAN minus the cost of one counter read."""
    if span is None or span.c1 is None or not span.c0 or not span.c1:
        return None
    out = {}
    for k in COUNTERS:
        if k in span.c0 and k in span.c1:
            out[k] = max(0, span.c1[k] - span.c0[k] - probe.get(k, 0))
    return out


def probe_cost(run):
    """What one read of the counters file adds to the counters."""
    b, p = run.counters.get('BEFORE'), run.counters.get('PROBE')
    if not b or not p:
        return {}
    return {k: p.get(k, 0) - b.get(k, 0) for k in COUNTERS if k in b}


class Stat:
    def __init__(self, values):
        self.values = values
        self.n = len(values)
        self.median = statistics.median(values) if values else None
        self.min = min(values) if values else None
        self.max = max(values) if values else None


class Row:
    """One test: statistics per variant, the ratio and the model."""

    def __init__(self, key, unit):
        self.key, self.unit = key, unit
        self.stat = {}
        self.ratio = None          # hardened median / baseline median
        self.slowdown = None       # > 1: hardened slower, whatever the unit
        self.model = {}            # 'cycles'/'low'/'high' -> model ratio h/b
        self.model_basis = None
        self.deltas = None         # median per-test counter deltas (hardened)
        self.phi = {}

    @property
    def aux(self):
        return self.key[1].endswith(AUX_SUFFIXES)

    def label(self):
        return f'{SHORT.get(self.key[0], self.key[0])} {self.key[1]}'

    def overlap(self):
        b, h = self.stat.get('baseline'), self.stat.get('hardened')
        if not b or not h or not b.n or not h.n:
            return None
        return not (h.min > b.max or h.max < b.min)


def build_rows(runs, model, icount):
    keys, units = [], {}
    for r in runs:
        for k, res in r.results.items():
            if k not in units:
                keys.append(k)
                units[k] = res.unit
    order = {p: i for i, p in enumerate(PROGRAM_ORDER)}
    first = {k: i for i, k in enumerate(keys)}
    keys.sort(key=lambda k: (order.get(k[0], len(order)), first[k]))
    rows = []
    for k in keys:
        row = Row(k, units[k])
        for v in VARIANTS:
            vals = [r.results[k].value for r in runs
                    if r.variant == v and k in r.results]
            row.stat[v] = Stat(vals)
        b, h = row.stat['baseline'].median, row.stat['hardened'].median
        if b and h:
            row.ratio = h / b
            row.slowdown = row.ratio if lower_better(row.unit) else b / h
        model_row(row, [r for r in runs if r.variant == 'hardened'], model, icount)
        rows.append(row)
    return rows


def model_row(row, hardened, model, icount):
    """Modelled hardened/baseline ratio: the per-test counter deltas of the
    hardened runs at hardware cost, added to the baseline's time."""
    if row.slowdown is None or row.unit == 'index':
        return
    per_run = {w: [] for w in ('cycles', 'low', 'high')}
    deltas = []
    for r in hardened:
        res = r.results.get(row.key)
        span = r.spans.get((row.key[0], res.span)) if res and res.span else None
        d = span_delta(span, probe_cost(r))
        if d is None or span.t1 is None or span.t1 <= span.t0:
            continue
        deltas.append(d)
        if icount:
            if not d.get('instructions'):
                continue
            base_cycles = d['instructions'] * model.cpi
        else:
            base_cycles = (span.t1 - span.t0) * model.freq_ghz
        for w in per_run:
            per_run[w].append(model.cycles(d, w) / base_cycles)
    if not per_run['cycles']:
        return
    row.deltas = {k: statistics.median(d.get(k, 0) for d in deltas) for k in COUNTERS}
    row.model_basis = 'icount' if icount else 'TCG time'
    # The span's hardened time (or instructions) per operation, scaled to the
    # baseline's: the emulated slow-down of this test.
    for w, phis in per_run.items():
        phi = statistics.median(phis) * row.slowdown
        row.phi[w] = phi
        row.model[w] = 1 + phi if lower_better(row.unit) else 1 / (1 + phi)


# === Checks ===

def checks(runs, rows):
    """[(ok, variant, test, why)]: one per test and variant, plus one per run
    that produced nothing to check and per hardened run without Cordon."""
    out = []
    by_variant = {v: [r for r in runs if r.variant == v] for v in VARIANTS}
    planned = []
    for r in runs:
        for p, s in r.plan:
            if (p, s) not in planned:
                planned.append((p, s))
    keys = [row.key for row in rows]
    # Planned tests that produced nothing anywhere are checks of their own.
    for p, s in planned:
        if not any(k[0] == p and (k[1] == s or k[1].startswith(s + '_')) for k in keys):
            keys.append((p, s))
    for v in EXPECTED:
        if not by_variant[v]:
            out.append((False, v, '-', f'no {v} run at all'))
            continue
        for k in keys:
            missing = [why_missing(r, k) for r in by_variant[v] if k not in r.results]
            if missing:
                out.append((False, v, f'{k[0]}/{k[1]}', '; '.join(missing)))
            else:
                out.append((True, v, f'{k[0]}/{k[1]}', 'value in every run'))
    for r in runs:
        if not r.plan:
            out.append((False, r.variant, '-', f'run {r.name}: no benchmark ran ({run_problem(r)})'))
        for lineno, line, why in r.malformed:
            if not any(line.split()[1:3] == list(k) for k in keys):
                out.append((False, r.variant, '-', f'{rel_log(r)}:{lineno}: {why}: {line.strip()}'))
        mode = r.config.get('cordon')
        if r.variant == 'hardened' and r.plan and mode in (None, 'off', 'absent'):
            out.append((False, r.variant, '-', f'run {r.name}: Cordon is {mode or "unknown"} in the hardened kernel, so the comparison means nothing'))
        if r.variant == 'baseline' and r.plan and mode not in (None, 'absent'):
            out.append((False, r.variant, '-', f'run {r.name}: the baseline kernel has Cordon (mode {mode})'))
        sel = r.config.get('selinux')
        if r.variant == 'unsealed' and r.plan and mode not in ('off',):
            out.append((False, r.variant, '-', f'run {r.name}: Cordon is {mode or "unknown"}, not off, in the unsealed run'))
        # Sealed against unsealed means the same policy, enforced or not.
        if 'unsealed' in EXPECTED and r.variant in ('hardened', 'unsealed') and \
                r.plan and sel not in ('enforcing', 'permissive'):
            out.append((False, r.variant, '-', f'run {r.name}: SELinux is {sel or "unknown"}, so sealed against unsealed means nothing'))
    return out


LOGBASE = '.'


def rel_log(run):
    return rel(run.path, LOGBASE)


def run_problem(r):
    if r.host_reason:
        return r.host_reason
    if r.status is None:
        return f'no CORDON-RESULT line in {rel_log(r)}'
    return f'guest status {r.status}, see {rel_log(r)}'


def why_missing(r, key):
    """Why RUN has no value for KEY, naming the log line if there is one."""
    for fk in (key, (key[0], key[1].rsplit('_', 1)[0])):
        if fk in r.fails:
            lineno, line = r.fails[fk]
            return f'{r.name}: {rel_log(r)}:{lineno}: {line.strip()}'
    for lineno, line, why in r.malformed:
        tok = line.split()
        if tok[0] == 'BENCH' and tok[1:3] == list(key):
            return f'{r.name}: unparsable, {rel_log(r)}:{lineno}: {why}: {line.strip()}'
    if not r.plan:
        return f'{r.name}: {run_problem(r)}'
    span = next((s for (p, sel), s in r.spans.items() if p == key[0] and
                 (key[1] == sel or key[1].startswith(sel + '_'))), None)
    if span is None:
        return f'{r.name}: the test never started ({run_problem(r)})'
    if span.t1 is None:
        return f'{r.name}: the test did not finish ({run_problem(r)}; it began at {rel_log(r)}:{span.lineno})'
    return f'{r.name}: no BENCH line for it (status {span.status}), see {rel_log(r)}:{span.lineno}'


# === Output ===

def direction(unit):
    return 'lower' if lower_better(unit) else 'higher'


def cell(stat):
    if not stat or not stat.n:
        return 'n.a.'
    if stat.n == 1:
        return fmt(stat.median)
    return f'{fmt(stat.median)} ({fmt(stat.min)}–{fmt(stat.max)})'


def effect(row):
    if row.slowdown is None:
        return 'n.a.'
    pct = (row.slowdown - 1) * 100
    word = 'slower' if pct > 0 else 'faster'
    text = f'{abs(pct):.1f}% {word}' if abs(pct) >= 0.05 else 'same'
    if row.overlap():
        text += ' (within spread)'
    return text


def main_table(rows):
    out = ['| program | test | unit (better) | baseline median (min–max) | '
           'hardened median (min–max) | ratio h/b | hardened is | model ratio h/b |',
           '|---|---|---|---:|---:|---:|---|---:|']
    for row in rows:
        if row.aux:
            continue
        out.append(f'| {SHORT.get(row.key[0], row.key[0])} | {row.key[1]} | '
                   f'{row.unit} ({direction(row.unit)}) | {cell(row.stat["baseline"])} | '
                   f'{cell(row.stat["hardened"])} | {fmt(row.ratio)} | {effect(row)} | '
                   f'{model_cell(row)} |')
    return out


def model_cell(row):
    if 'cycles' not in row.model:
        return 'n.a.'
    return f'{row.model["cycles"]:.4f} (model)'


def counters_section(runs, model, icount):
    hard = [r for r in runs if r.variant == 'hardened']
    out = ['## Emulator counters', '',
           'Deltas between `COUNTERS-BEFORE` and `COUNTERS-AFTER` (summed over '
           'vCPUs), i.e. over all benchmarks of a run. Every read of '
           '`hypervisor_counters` is itself a hypercall per vCPU: the "reads" '
           'column is that share (reads × the `COUNTERS-PROBE` cost) and is '
           'subtracted in "net". The baseline kernel has no Cordon and no '
           'counter interface: n.a.', '',
           '| run | VMFUNCs | VMFUNC #UD | #VEs | violation exits | hypercalls '
           '(raw / reads / net) | hypercall errors | TLB flushes | guest instructions | '
           'modelled event time |',
           '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|']
    for r in runs:
        b, a = r.counters.get('BEFORE'), r.counters.get('AFTER')
        if not b or not a:
            reason = r.counters_na.get('BEFORE') or r.counters_na.get('AFTER') or 'not read'
            if r.variant == 'baseline':
                reason = 'n.a. (no Cordon)'
            out.append(f'| {r.name} | ' + ' | '.join([reason] + ['n.a.'] * 8) + ' |')
            continue
        probe = probe_cost(r)
        nreads = 2 * len(r.spans) + 2      # PROBE, each span's two, AFTER
        raw = {k: a.get(k, 0) - b.get(k, 0) for k in COUNTERS}
        net = {k: max(0, raw[k] - nreads * probe.get(k, 0)) for k in COUNTERS}
        ins = fmt(raw['instructions']) if raw['instructions'] else \
            ('0' if icount else 'n.a. (ICOUNT=1 counts them)')
        ns = model.ns(model.cycles(net))
        out.append(f'| {r.name} | {net["vmfunc"]} | {net["vmfunc_ud"]} | {net["ve"]} | '
                   f'{net["violation_exits"]} | {raw["hypercalls"]} / '
                   f'{nreads * probe.get("hypercalls", 0)} / {net["hypercalls"]} | '
                   f'{net["hypercall_errors"]} | {net["tlb_flushes"]} | {ins} | '
                   f'{fmt(ns / 1000)} µs (model) |')
    if not hard:
        out.append('')
        out.append('No hardened run.')
    return out


def per_test_counters(rows):
    busy = [r for r in rows if r.deltas and not r.aux and any(
        r.deltas[k] for k in COUNTERS if k != 'instructions')]
    out = ['### Counters per test (hardened, median over runs, net of the reads)', '']
    if not busy:
        out.append('No test caused a VMFUNC, #VE, violation exit, hypercall or TLB '
                   'flush beyond the counter reads themselves: the model adds '
                   'nothing, so every model ratio is 1.')
        return out
    out += ['| test | ' + ' | '.join(COUNTERS) + ' |',
            '|---|' + '---:|' * len(COUNTERS)]
    for r in busy:
        out.append(f'| {r.label()} | ' + ' | '.join(fmt(r.deltas[k]) for k in COUNTERS) + ' |')
    return out


def blockio_section(rows):
    """brd's block I/O: the ratio next to the hardened run's gate crossings,
    VMFUNCs and #VEs per operation (request or file copy)."""
    out = ['## Block I/O through brd, per operation', '',
           'cordon-blockio on the RAM disk driver, which the hardened kernel runs '
           'in a compartment (`CONFIG_CORDON_ISOLATE_BRD`) and the baseline as an '
           'ordinary driver. An operation is one request of the device tests '
           '(O_DIRECT) or one file copy; counters are the hardened runs\' median '
           'deltas over the test, net of the counter reads, divided by its '
           'operations (`<test>_ops`).', '',
           '| test | ratio h/b | hardened is | operations | crossings / op | '
           'VMFUNCs / op | #VEs / op |', '|---|---:|---|---:|---:|---:|---:|']
    by_key = {row.key: row for row in rows}
    n = 0
    for row in rows:
        if row.key[0] != 'cordon-blockio' or row.aux:
            continue
        ops_row = by_key.get((row.key[0], row.key[1] + '_ops'))
        ops = ops_row.stat['hardened'].median if ops_row else None
        d = row.deltas
        per = (lambda k: fmt(d[k] / ops, 3)) if d and ops else (lambda k: 'n.a.')
        out.append(f'| {row.key[1]} | {fmt(row.ratio)} | {effect(row)} | '
                   f'{fmt(ops) if ops else "n.a."} | {per("crossings")} | '
                   f'{per("vmfunc")} | {per("ve")} |')
        n += 1
    if not n:
        out.append('| (no blockio run) | | | | | | |')
    return out


def sel_deltas(run, key):
    """SEL_COUNTERS over the span of test KEY in RUN, less what the reads
    themselves add (SEL-PROBE); None without both ends."""
    res = run.results.get(key)
    span = run.spans.get((key[0], res.span)) if res and res.span else None
    if span is None or not span.c0 or not span.c1:
        return None
    b, a = run.sel_probe.get('before', {}), run.sel_probe.get('after', {})
    out = {}
    for k in SEL_COUNTERS:
        if k in span.c0 and k in span.c1:
            probe = a.get(k, 0) - b.get(k, 0) if k in a and k in b else 0
            out[k] = max(0, span.c1[k] - span.c0[k] - probe)
    return out


def sel_median(runs, key, k):
    vals = [d[k] for d in (sel_deltas(r, key) for r in runs) if d and k in d]
    return statistics.median(vals) if vals else None


def server_section(runs, rows):
    """The hardened kernel (sealed server) against itself with cordon=off
    (unsealed server), SELinux on in both, with the AVC's statistics."""
    if 'unsealed' not in EXPECTED:
        return []
    sealed = [r for r in runs if r.variant == 'hardened']
    unsealed = [r for r in runs if r.variant == 'unsealed']
    modes = sorted({str(r.config.get('selinux')) for r in sealed + unsealed})
    out = ['## The security server: sealed against unsealed', '',
           'The hardened kernel (the SELinux security server in the sealed '
           'view) against the same kernel booted with `cordon=off` (the same '
           'server, unsealed, and no views at all): the same Debian policy, '
           f'SELinux {"/".join(modes)} in both. The ratio is not the server\'s '
           'cost alone: with `cordon=off` no other compartment (brd) and no '
           'view switch exists either. AVC lookups, misses and crossings into '
           'the sealed compartment are per test (median over runs, net of the '
           'counter reads themselves). An AVC hit costs no crossing; a miss is '
           'one call into the server, and so is every other call of its API '
           '(a new file\'s label from `security_transition_sid()`, a context '
           'for a SID, an exec\'s transition), which is why a test without '
           'misses can still cross.', '',
           '| program | test | unit | unsealed median | sealed median | ratio s/u | '
           'AVC lookups | AVC misses (unsealed) | AVC misses (sealed) | '
           'server crossings |',
           '|---|---|---|---:|---:|---:|---:|---:|---:|---:|']
    for row in rows:
        if row.aux:
            continue
        u, h = row.stat['unsealed'].median, row.stat['hardened'].median
        ratio = h / u if u and h else None
        look = sel_median(sealed, row.key, 'avc_lookups')
        miss_u = sel_median(unsealed, row.key, 'avc_misses')
        miss = sel_median(sealed, row.key, 'avc_misses')
        cross = sel_median(sealed, row.key, 'server_crossings')
        out.append(f'| {SHORT.get(row.key[0], row.key[0])} | {row.key[1]} | '
                   f'{row.unit} ({direction(row.unit)}) | '
                   f'{cell(row.stat["unsealed"])} | {cell(row.stat["hardened"])} | '
                   f'{fmt(ratio)} | {fmt(look)} | {fmt(miss_u)} | {fmt(miss)} | '
                   f'{fmt(cross)} |')
    return out


def model_section(model, rows, icount):
    out = ['## Modelled hardware cost', '',
           f'Constants from `{os.path.basename(model.path)}` (benchmarks/), '
           f'nominal CPU {model.freq_ghz} GHz:', '',
           '| event | counter | cycles (range) | source |', '|---|---|---:|---|']
    for name, e in model.events.items():
        rng = f'{fmt(e["cycles"])} ({fmt(e["low"])}–{fmt(e["high"])})'
        out.append(f'| {name} | {e["counter"] or "— (not counted yet)"} | {rng} | {e["source"]} |')
    basis = ('counted guest instructions × cpi' if icount else
             'the emulated (TCG) time of the test, which is many times slower than '
             'hardware, so the model understates the relative overhead by about '
             'that factor; `ICOUNT=1` bases it on counted instructions instead')
    out += ['', 'Model ratio = the baseline time plus, per operation, the hardened '
            'run\'s counted events × cycles ÷ frequency, over the baseline time '
            f'(same direction as the emulated ratio). Base: {basis}. It is a '
            'model, not a measurement.', '']
    ranged = [r for r in rows if r.model and not r.aux and
              abs(r.model['high'] - r.model['low']) > 5e-5]
    if ranged:
        out += ['| test | model (low cost) | model | model (high cost) |', '|---|---:|---:|---:|']
        for r in ranged:
            out.append(f'| {r.label()} | {r.model["low"]:.4f} | {r.model["cycles"]:.4f} | '
                       f'{r.model["high"]:.4f} |')
    else:
        out.append('With no counted events the low and high costs give the same ratio.')
    return out


def micro_measured(runs, name, unit_word):
    """The emulated cost of micro loop NAME over the hardened runs, or why
    there is none (None when no hardened run printed it)."""
    hard = [r for r in runs if r.variant == 'hardened' and name in r.micro]
    ok = [r for r in hard if 'n.a.' not in r.micro[name]]
    if not ok:
        return hard[0].micro[name]['n.a.'] if hard else None
    per = [r.micro[name]['loop_ns'] / r.micro[name]['n'] for r in ok]
    ref = [r.micro[name]['ref_ns'] / r.micro[name]['n'] for r in ok]
    loop, diff = statistics.median(per), statistics.median(p - q for p, q in zip(per, ref))
    events = []
    for r in ok:
        c = r.micro_ctr.get(name, {})
        if 'before' in c and 'after' in c:
            n = r.micro[name]['n']
            d = {k: c['after'].get(k, 0) - c['before'].get(k, 0) for k in COUNTERS}
            events.append(', '.join(f'{k} {fmt(d[k] / n, 3)}' for k in
                                    ('vmfunc', 've', 'violation_exits', 'tlb_flushes') if d[k]))
    above = (f'{fmt(diff / 1000)} µs above' if diff > 0 else
             'no more than (within noise)')
    return (f'{fmt(loop / 1000)} µs per {unit_word}, {above} the same loop writing to '
            f'/dev/null (median of {len(ok)} run(s), {ok[0].micro[name]["n"]} each); '
            f'counted per {unit_word}: {" / ".join(sorted(set(events))) or "none"}')


def micro_section(runs, model, icount=False):
    g, e, x = model.events.get('gate', {}), model.events.get('ve', {}), model.events.get('violation_exit', {})
    vf = model.events.get('vmfunc', {})

    def hw(ev):
        if not ev:
            return 'n.a.'
        return (f'{fmt(ev["cycles"])} cycles ({fmt(model.ns(ev["cycles"]))} ns at '
                f'{model.freq_ghz} GHz); range {fmt(ev["low"])}–{fmt(ev["high"])}')

    ve = micro_measured(runs, 've_sealed_read', 'write') or 'n.a. (no hardened run)'
    gate = micro_measured(runs, 'gate_call', 'call')
    if gate is None or gate.startswith("this kernel's demo trigger has no"):
        gate = 'not yet: gates not implemented' + (f' ({gate})' if gate else '')
    out = ['## Micro costs', '',
           '| operation | emulated (QEMU TCG, measured here) | modelled hardware | source |',
           '|---|---|---|---|',
           f'| VMFUNC view switch | not measured here (`scripts/measure-emulator costs` '
           f'times it in bare-metal tests) | {hw(vf)} | {vf.get("source", "")} |',
           f'| gate round trip (`gate-call` demo: call + return) | {gate} | {hw(g)} | '
           f'{g.get("source", "")} |',
           f'| denied #VE (`sealed-read` demo: #VE, decision, fix-up, rate-limited report) | '
           f'{ve} | delivery only: {hw(e)} | {e.get("source", "")} |',
           f'| VM exit round trip (violation not converted, hypercall) | not measured here | '
           f'{hw(x)} | {x.get("source", "")} |',
           '',
           'Emulated figures are upper bounds: the wall time of a shell loop '
           '`echo SCENARIO >/sys/kernel/security/cordon-demo/trigger` (timed with '
           '`cordon-nsec`: busybox `date` has no `%N`), i.e. an open/write/close '
           'of a securityfs file around the scenario; "above" subtracts the same '
           'loop writing to /dev/null, the shell\'s own share. '
           'Reports are rate-limited (20 per 5 s) and kept off the serial console '
           'during the loops (console level 1), so most iterations format none.']
    if icount:
        out[-1] += (' With ICOUNT the guest clock counts instructions: 1 µs here '
                    'is 1,000 guest instructions.')
    return out


def crossings_section(path, model):
    """What a crossing costs in guest instructions (scripts/measure-crossings),
    with the modelled hardware cost of each path."""
    out = ['## What a crossing costs, in guest instructions', '']
    rows = []
    try:
        with open(path) as f:
            for line in f:
                name, *nums = line.rstrip('\n').split('\t')
                if len(nums) == 4:
                    rows.append((name, *[int(x) for x in nums]))
    except (OSError, ValueError) as e:
        return out + [f'n.a.: no measurement ({path}: '
                      f'{getattr(e, "strerror", None) or e}); '
                      '`scripts/measure-crossings` makes one.']
    ev = model.events
    out += ['Counted by the hypervisor under QEMU `-icount` on one vCPU: the '
            'KUnit suite `cordon_costs` (`kunit/costs_test.c`), median of 33 '
            'samples, less the cost of reading the counters '
            '(`scripts/measure-crossings`, which wrote this table). Each path '
            'has a budget there that fails the suite when it is exceeded. '
            f'Modelled hardware: the instructions other than VMFUNC and VMCALL '
            f'at {model.cpi:g} cycle(s) each, plus each VMFUNC, #VE and '
            f'hypercall at its cost in `benchmarks/cost-model.conf` '
            f'({fmt(ev["vmfunc"]["cycles"])}, {fmt(ev["ve"]["cycles"])} and '
            f'{fmt(ev["hypercall"]["cycles"])} cycles), at {model.freq_ghz} GHz. '
            '`-icount` counts every iteration of a REP string instruction '
            '(the kernel\'s memset and memcpy) as one instruction, and so does '
            'the model: a path that clears a kilobyte on the stack shows about '
            '1,000 instructions that hardware runs in tens of cycles.',
            '',
            '| path | guest instructions | VMFUNCs | #VEs | hypercalls | '
            'modelled hardware |',
            '|---|---|---|---|---|---|']
    for name, insns, vmf, ve, hc in rows:
        other = max(insns - vmf - hc, 0)
        cyc = (other * model.cpi + vmf * ev['vmfunc']['cycles'] +
               ve * ev['ve']['cycles'] + hc * ev['hypercall']['cycles'])
        out.append(f'| {name} | {insns} | {vmf} | {ve} | {hc} | '
                   f'{fmt(cyc)} cycles ({fmt(model.ns(cyc))} ns) |')
    return out + avc_costs(rows)


# The AVC's two paths as kunit/costs_test.c names them, and their targets
# (issue 11): a miss's decision at most 1.2 times the unsealed one's
# instructions, a hit no instruction more.
AVC_SEALED = 'AVC {}, server sealed'
AVC_UNSEALED = 'AVC {}, server unsealed (cordon=off)'
AVC_MISS_TARGET = 1.2


def avc_costs(rows):
    """The AVC's miss and hit, server sealed against unsealed, from the
    same table."""
    insns = {r[0]: r[1] for r in rows}
    out = ['', '### The AVC: the security server sealed against unsealed', '',
           'One access check of the suite\'s policy (`avc_has_perm_noaudit()`, '
           '`dir { search }`), on the same KUnit kernel booted with Cordon on '
           'and with `cordon=off`: a miss, which asks the server for the '
           'decision and caches it (sealed: one crossing), and a hit, which '
           'finds it in the cache. Targets: a miss at most '
           f'{AVC_MISS_TARGET:g} times the unsealed instructions, a hit none '
           'more.', '',
           '| check | sealed | unsealed | sealed/unsealed | target | met |',
           '|---|---|---|---|---|---|']
    for kind in ('miss', 'hit'):
        sealed = insns.get(AVC_SEALED.format(kind))
        unsealed = insns.get(AVC_UNSEALED.format(kind))
        if sealed is None or unsealed is None or unsealed <= 0:
            out.append(f'| {kind} | {sealed if sealed is not None else "n.a."} '
                       f'| {unsealed if unsealed is not None else "n.a."} | '
                       'n.a. | n.a. | n.a.: not measured |')
            continue
        ratio = sealed / unsealed
        if kind == 'miss':
            target, met = f'at most {AVC_MISS_TARGET:g}×', ratio <= AVC_MISS_TARGET
        else:
            target, met = 'no extra instruction', sealed <= unsealed
        out.append(f'| {kind} | {sealed} | {unsealed} | {ratio:.2f}× | '
                   f'{target} | {"yes" if met else "no"} |')
    return out


def secs(v):
    return 'n.a.' if v is None else f'{v:.0f} s'


def load(v):
    return 'n.a.' if v is None else f'{v:.2f}'


def runs_section(runs, base):
    out = ['## Runs', '', 'Other host load: the cores busy with anything but '
           'the run (and those the host stole) while it ran; the guests run '
           '`-smp 2` with `thread=multi`, so such work takes their time.', '',
           '| run | status | host wall time | other host load (stolen) | '
           'benchmarks in guest | kernel | Cordon | log |',
           '|---|---|---:|---:|---:|---|---|---|']
    for r in runs:
        st = 'ok' if (r.host_rc in (0, None) and r.status == 0) else f'FAILED: {run_problem(r)}'
        guest = (r.done_t - r.first_t()) / 1e9 if r.done_t and r.first_t() else None
        out.append(f'| {r.name} | {st} | {secs(r.host_seconds)} | '
                   f'{load(r.host_other)} ({load(r.host_steal)}) | {secs(guest)} | '
                   f'{r.config.get("kernel", "?")} | {r.config.get("cordon", "?")} | '
                   f'{rel(r.path, base)} |')
    return out


# More than this many cores busy elsewhere during a run: its times are noise.
BUSY_HOST = 0.25


def host_load_note(runs, icount):
    """A warning when other work on the host ran beside some runs."""
    busy = [r for r in runs if r.host_other is not None and
            r.host_other + (r.host_steal or 0) > BUSY_HOST]
    if not busy:
        return []
    worst = max(r.host_other + (r.host_steal or 0) for r in busy)
    what = ('instruction counts are not affected (ICOUNT), but the wall times '
            'beside them are' if icount else
            'their wall-time ratios are noise, not Cordon; ICOUNT=1 counts '
            'instructions instead')
    return [f'**Host load:** {len(busy)} of {len(runs)} run(s) shared the host '
            f'with other work (up to {worst:.2f} cores; see "Runs"): {what}.', '']


def details_section(rows):
    out = ['## Details: every result', '',
           'All values, including those restating another (`*_tsc`: TCG-virtual '
           'TSC ticks; `*_ovr`: the ring overhead lat_ctx subtracts; `*_index`: '
           'UnixBench per-test index). `index` is the geometric mean of the 12 '
           'per-test indices, computed here because each test runs on its own.', '',
           '| program | test | unit | variant | n | median | min | max | values |',
           '|---|---|---|---|---:|---:|---:|---:|---|']
    for row in rows:
        for v in EXPECTED:
            s = row.stat[v]
            out.append(f'| {SHORT.get(row.key[0], row.key[0])} | {row.key[1]} | {row.unit} | '
                       f'{v} | {s.n} | {fmt(s.median)} | {fmt(s.min)} | {fmt(s.max)} | '
                       f'{" ".join(fmt(x) for x in s.values)} |')
    return out


def write_csv(runs, path):
    with open(path, 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['variant', 'run', 'program', 'test', 'value', 'unit', 'log_line'])
        for r in runs:
            for (p, t), res in r.results.items():
                w.writerow([r.variant, r.n, p, t, repr(res.value), res.unit, res.lineno])


# === Plots ===

GP_COMMON = '''set terminal pngcairo size {w},{h} font "sans,9" noenhanced
set output "{out}"
set datafile separator "\\t"
set grid ytics
set xtics rotate by -60 left
set rmargin 10
set key top left opaque
set logscale y 2
set ylabel "hardened vs baseline, normalised (>1 = hardened slower, log scale)"
set xrange [-1:{n}]
set arrow from graph 0, first 1 to graph 1, first 1 nohead dt 2 lc rgb "black"
'''


def plots(rows, d):
    """ratio.png and spread.png via gnuplot. Returns an error or None."""
    gp = shutil.which('gnuplot')
    if not gp:
        return ("gnuplot not found, so no plots; run 'make deps' "
                "(it installs Debian package 'gnuplot-nox')")
    main = [r for r in rows if not r.aux and r.slowdown]
    if not main:
        return None
    # Everything as a slow-down (> 1: hardened slower), whatever the unit.
    ratio_dat = os.path.join(d, 'ratio.dat')
    with open(ratio_dat, 'w') as f:
        f.write('# x\ttest\temulated\tmodel\n')
        for i, r in enumerate(main):
            m = r.model.get('cycles')
            ms = (m if lower_better(r.unit) else 1 / m) if m else float('nan')
            f.write(f'{i}\t{r.label()}\t{r.slowdown:.6f}\t{ms:.6f}\n')
    spread_dat = os.path.join(d, 'spread.dat')
    with open(spread_dat, 'w') as f:
        f.write('# x\ttest\tb_med\tb_lo\tb_hi\th_med\th_lo\th_hi\n')
        for i, r in enumerate(main):
            b, h = r.stat['baseline'], r.stat['hardened']

            def norm(v, b=b, r=r):
                return v / b.median if lower_better(r.unit) else b.median / v
            lo_b, hi_b = sorted((norm(b.min), norm(b.max)))
            lo_h, hi_h = sorted((norm(h.min), norm(h.max)))
            f.write(f'{i}\t{r.label()}\t1\t{lo_b:.6f}\t{hi_b:.6f}\t{norm(h.median):.6f}'
                    f'\t{lo_h:.6f}\t{hi_h:.6f}\n')
    w = max(900, 22 * len(main) + 250)
    common = dict(w=w, h=650, n=len(main))
    scripts = {
        'ratio.gp': GP_COMMON.format(out=os.path.join(d, 'ratio.png'), **common) + '''
set title "Cordon: hardened kernel against baseline per test (median of runs; model = baseline + counted events at hardware cost)"
set style fill solid 0.8 border -1
# Bars from 1 to the value, so that slower and faster read alike; the
# model as a point, visible also when it is exactly 1.
plot "{dat}" using ($1-0.2):3:($1-0.38):($1-0.02):(1):3:xtic(2) with boxxyerror lc rgb "#4477aa" title "emulated (QEMU TCG)", \\
     "" using ($1+0.2):4 with points pt 9 ps 1.2 lc rgb "#ee7733" title "model (hardware cost)"
'''.format(dat=ratio_dat),
        'spread.gp': GP_COMMON.format(out=os.path.join(d, 'spread.png'), **common) + '''
set title "Run-to-run spread: median and min-max per variant, normalised to the baseline median"
plot "{dat}" using ($1-0.15):3:4:5:xtic(2) with yerrorbars pt 7 ps 0.6 lc rgb "#4477aa" title "baseline", \\
     "" using ($1+0.15):6:7:8 with yerrorbars pt 7 ps 0.6 lc rgb "#cc3311" title "hardened"
'''.format(dat=spread_dat),
    }
    for name, text in scripts.items():
        path = os.path.join(d, name)
        with open(path, 'w') as f:
            f.write('# SPDX-License-Identifier: GPL-2.0\n# Generated by benchmarks/report.py\n')
            f.write(text)
        r = subprocess.run([gp, path], capture_output=True, text=True)
        if r.returncode:
            return f'gnuplot failed on {path}: {r.stderr.strip()}'
    return None


# === Main ===

def selinux_note(runs):
    """What SELinux was in each variant: the baseline has none, the
    hardened kernel enforces Debian's policy, which the ratios include."""
    seen = {}
    for r in runs:
        seen.setdefault(r.variant, set()).add(str(r.config.get('selinux', 'unknown')))
    parts = [f'{v}: {"/".join(sorted(seen[v]))}' for v in VARIANTS if v in seen]
    return f'SELinux per variant: {", ".join(parts)}.' if parts else ''


def main():
    global LOGBASE
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--dir', required=True)
    ap.add_argument('--cost-model', default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), 'cost-model.conf'))
    ap.add_argument('--mode', default='full', choices=('quick', 'full'))
    ap.add_argument('--icount', action='store_true')
    ap.add_argument('--no-plots', action='store_true')
    ap.add_argument('--crossings', help='scripts/measure-crossings output')
    ap.add_argument('--title', default='')
    ap.add_argument('--variants', default='baseline,hardened',
                    help='the variants the runs must cover, comma-separated')
    a = ap.parse_args()
    want = a.variants.split(',')
    if any(v not in VARIANTS for v in want) or not {'baseline', 'hardened'} <= set(want):
        print(f'report.py: --variants {a.variants}: baseline and hardened, and '
              f'optionally unsealed (of {", ".join(VARIANTS)})', file=sys.stderr)
        return 2
    EXPECTED[:] = want
    d = a.dir
    LOGBASE = os.getcwd()
    model = CostModel(a.cost_model)
    runs = load_runs(d)
    if not runs:
        print(f'report.py: no runs in {d} (no runs.tsv, no run-*.log)', file=sys.stderr)
        return 1
    rows = build_rows(runs, model, a.icount)
    chk = checks(runs, rows)
    plot_err = None if a.no_plots else plots(rows, d)

    nb = sum(r.variant == 'baseline' for r in runs)
    nh = sum(r.variant == 'hardened' for r in runs)
    nu = sum(r.variant == 'unsealed' for r in runs)
    failed = [c for c in chk if not c[0]]
    cpus = sorted({str(r.config['cpus']) for r in runs if 'cpus' in r.config})
    clock = (' With ICOUNT, QEMU runs `-icount shift=0,align=off,sleep=off`: guest '
             'time advances 1 ns per instruction, so times and rates measure '
             'instruction counts, not host speed.' if a.icount else '')
    md = [f'# Cordon benchmarks: baseline against hardened{a.title}', '',
          f'Mode **{a.mode}**{", ICOUNT" if a.icount else ""}: {nb} baseline and {nh} '
          f'hardened{f" and {nu} unsealed" if "unsealed" in EXPECTED else ""} '
          'run(s), interleaved, same QEMU (`-cpu max,cordon-views=on`, '
          f'{"/".join(cpus) or "?"} vCPU(s)), same initramfs; only the kernel differs '
          '(baseline: `CONFIG_CORDON` off). Values are emulated (QEMU TCG) '
          f'unless labelled "model".{clock} {selinux_note(runs)}', '',
          'Ratio = hardened median / baseline median. For "lower is better" units '
          '(µs, ms, TSC ticks) a ratio above 1 is a slow-down; for "higher is better" '
          'units (rates, scores) a ratio below 1 is. "hardened is" states it either '
          'way; "(within spread)" means the min–max ranges of the two variants '
          'overlap.', '',
          f'Checks: {len(chk) - len(failed)} passed, {len(failed)} failed.', '']
    md += host_load_note(runs, a.icount)
    if failed:
        md += ['**Failed checks:**', ''] + [f'- {c[1]} {c[2]}: {c[3]}' for c in failed] + ['']
    if plot_err:
        md += [f'**Plots:** {plot_err}', '']
    else:
        md += ['Plots: `ratio.png` (per test, emulated and model, normalised so that '
               '> 1 = hardened slower), `spread.png` (run-to-run spread).', '']
    md += ['## Main table', ''] + main_table(rows) + ['']
    md += blockio_section(rows) + ['']
    md += server_section(runs, rows) + ['']
    md += counters_section(runs, model, a.icount) + [''] + per_test_counters(rows) + ['']
    md += model_section(model, rows, a.icount) + ['']
    md += micro_section(runs, model, a.icount) + ['']
    if a.crossings:
        md += crossings_section(a.crossings, model) + ['']
    md += runs_section(runs, d) + ['']
    md += details_section(rows) + ['']
    with open(os.path.join(d, 'report.md'), 'w') as f:
        f.write('\n'.join(md))
    write_csv(runs, os.path.join(d, 'results.csv'))
    with open(os.path.join(d, 'checks.txt'), 'w') as f:
        for ok, v, t, why in chk:
            f.write(f'{"PASS" if ok else "FAIL"} {v} {t} {why}\n')

    print('\n'.join(main_table(rows)))
    for c in failed:
        print(f'report: FAILED {c[1]} {c[2]}: {c[3]}', file=sys.stderr)
    if plot_err:
        print(f'report: {plot_err}', file=sys.stderr)
    print(f'report: {len(chk) - len(failed)} checks passed, {len(failed)} failed; '
          f'wrote {os.path.join(d, "report.md")}')
    return 1 if failed or plot_err else 0


if __name__ == '__main__':
    sys.exit(main())
