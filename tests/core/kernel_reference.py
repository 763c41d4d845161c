#!/usr/bin/env python3
"""An independent implementation of the documented random stream of
engine/core/kernel.c (docs/kernel.md), used to produce the constants that
tests/core/test_kernel.c checks bit for bit. It shares no code with the C
kernel: integers are Python integers reduced mod 2^64, doubles are Python
floats (IEEE binary64, the same + - * / as C), and exp and log are computed
in decimal arithmetic at 40 digits and rounded to the nearest double (so
they are correctly rounded; the C kernel's gg_exp and gg_log are below
1 ulp and almost always agree). The ziggurat tables come from
scripts/gen_ziggurat_tables.py.

Usage:
  python3 tests/core/kernel_reference.py              C initialisers for the test
  python3 tests/core/kernel_reference.py --constants  the ln 2 split and other
                                                      constants of kernel.c
"""
import math
import os
import sys
from decimal import Decimal, Context, ROUND_HALF_EVEN

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts"))
import gen_ziggurat_tables  # noqa: E402

M64 = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15
CTX = Context(prec=40, rounding=ROUND_HALF_EVEN)


def mix64(x):
    x = (x + GOLDEN) & M64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & M64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & M64
    return x ^ (x >> 31)


def seed_state(seed):
    return [mix64((seed + (i + 1) * GOLDEN) & M64) for i in range(4)]


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M64


class Xoshiro:
    def __init__(self, state):
        self.s = list(state)
        self.count = 0  # outputs drawn so far

    def next(self):
        s = self.s
        out = (rotl((s[1] * 5) & M64, 7) * 9) & M64
        t = (s[1] << 17) & M64
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        self.count += 1
        return out

    def uniform(self):
        return (self.next() >> 11) * 2.0**-53


def exp_cr(x):
    return float(str(CTX.exp(Decimal(x))))


def log_cr(x):
    return float(str(CTX.ln(Decimal(x))))


_, _, ZX, ZF = gen_ziggurat_tables.tables()


def normal(g, events=None):
    """One deviate by the documented ziggurat; appends "rect", "tail",
    "wedge-accept" or "wedge-reject" to events."""
    while True:
        w = g.next()
        i = w & 0xFF
        neg = (w >> 8) & 1
        x = (w >> 11) * 2.0**-53 * ZX[i]
        if x < ZX[i + 1]:
            if events is not None:
                events.append("rect")
            return -x if neg else x
        if i == 0:
            while True:
                a = -log_cr(1.0 - g.uniform()) / ZX[1]
                b = -log_cr(1.0 - g.uniform())
                if b + b > a * a:
                    if events is not None:
                        events.append("tail")
                    x = ZX[1] + a
                    return -x if neg else x
        y = ZF[i] + g.uniform() * (ZF[i + 1] - ZF[i])
        if y < exp_cr(-0.5 * x * x):
            if events is not None:
                events.append("wedge-accept")
            return -x if neg else x
        if events is not None:
            events.append("wedge-reject")


def expected_consumption():
    """(probability a call takes one output, mean outputs per call)."""
    n = len(ZX) - 1
    r = ZX[1]
    one = sum(ZX[i + 1] / ZX[i] for i in range(n)) / n
    # Marsaglia's tail: a ~ Exp(r), accept with probability e^{-a^2/2}
    tail_acc = r * math.exp(r * r / 2) * math.sqrt(math.pi / 2) * math.erfc(r / math.sqrt(2))
    p_tail = (1 - r / ZX[0]) / n
    p_wedge, p_wedge_acc = 0.0, 0.0
    for i in range(1, n):
        a, b = ZX[i + 1], ZX[i]
        wedge = (b - a) * (ZF[i + 1] - ZF[i])
        under = math.sqrt(math.pi / 2) * (math.erf(b / math.sqrt(2)) - math.erf(a / math.sqrt(2)))
        under -= (b - a) * ZF[i]
        p_wedge += (1 - a / b) / n
        p_wedge_acc += (1 - a / b) / n * (under / wedge)
    outputs = 1 + p_wedge + p_tail * 2 / tail_acc
    ends = 1 - (p_wedge - p_wedge_acc)
    return one, outputs / ends


def constants():
    ctx = Context(prec=80)
    ln2 = ctx.ln(Decimal(2))
    hi = Decimal(int(ctx.to_integral_value(ln2 * 2**29))) / 2**29  # 29 significant bits
    print("LN2_HI  = %s  (ln 2 to 29 significant bits)" % float(hi).hex())
    print("LN2_LO  = %s  (ln 2 - LN2_HI)" % float(str(ln2 - hi)).hex())
    d = float(str(ln2))
    print("LN2D_HI = %s  (ln 2)" % d.hex())
    print("LN2D_LO = %s  (ln 2 - LN2D_HI)" % float(str(ln2 - Decimal(d))).hex())
    print("INV_LN2 = %s  (1 / ln 2)" % float(str(1 / ln2)).hex())
    print("SQRT2   = %s  (sqrt 2)" % float(str(ctx.sqrt(Decimal(2)))).hex())


def c_u64(vals):
    return ", ".join("0x%016xULL" % v for v in vals)


def main(argv):
    if argv[1:] == ["--constants"]:
        constants()
        return 0
    if argv[1:]:
        sys.stderr.write(__doc__)
        return 2
    print("/* python3 tests/core/kernel_reference.py */")
    print("mix64(0), mix64(1), mix64(2^64-1): %s" % c_u64([mix64(0), mix64(1), mix64(M64)]))
    print("seed 0:       {%s}" % c_u64(seed_state(0)))
    print("seed 2^64-1:  {%s}" % c_u64(seed_state(M64)))
    g = Xoshiro([1, 2, 3, 4])
    print("xoshiro {1,2,3,4}, first 10: {%s}" % c_u64([g.next() for _ in range(10)]))
    g = Xoshiro(seed_state(20200203))
    print("seed 20200203, first 6 outputs: {%s}" % c_u64([g.next() for _ in range(6)]))
    g = Xoshiro(seed_state(20200203))
    dev = [normal(g) for _ in range(8)]
    print("seed 20200203, first 8 normals: {%s}" % ", ".join(v.hex() for v in dev))
    print("  then %d outputs used; next output 0x%016xULL" % (g.count, g.next()))
    # The first tail draw, wedge acceptance and wedge rejection from seed 1.
    g = Xoshiro(seed_state(1))
    seen = {}
    k = 0
    while len(seen) < 3:
        ev = []
        v = normal(g, ev)
        for kind in ("tail", "wedge-accept", "wedge-reject"):
            if kind in ev and kind not in seen:
                seen[kind] = (k, v, g.count)
        k += 1
    for kind in ("tail", "wedge-accept", "wedge-reject"):
        k, v, cnt = seen[kind]
        print("seed 1, first %s: call %d returns %s, %d outputs used so far" % (kind, k, v.hex(), cnt))
    one, mean = expected_consumption()
    print("one output per call with probability %.6f; %.6f outputs per call on average"
          % (one, mean))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
