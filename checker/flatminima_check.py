#!/usr/bin/env python3
"""Independent checker of flatminima certificates (standard library only: exact Fractions, json).

It shares no code with the tool. For every certificate it rebuilds the matrices it needs from the case
embedded in the certificate (the loss's Hessian, its Gram form, T^T T, the layer Grams), re-verifies every
inertia fact by multiplying its LDL^T witness out exactly, and then re-derives the claim's statement from
the case and the verified facts. Each certificate is reported as valid, invalid or unsupported (a claim
this checker has no verifier for: counted, never taken as valid).

Usage: flatminima_check.py CERTIFICATES.json [--results RESULTS.json] [--quiet]
  --results: also require a certificate for every PROVED or CERTIFIED instance listed there.
Exit status: 0 all valid or unsupported; 1 some invalid (or missing); 2 unreadable input.
"""
import gzip
import json
import sys
import time
from fractions import Fraction

# ---------------------------------------------------------------- exact matrices (lists of rows)


def num(x):
    if isinstance(x, Fraction):
        return x
    if isinstance(x, (int, str)):
        return Fraction(x)
    raise ValueError("not an exact number: %r" % (x,))


def mat(rows):
    return [[num(x) for x in row] for row in rows]


def identity(n):
    return [[Fraction(int(i == j)) for j in range(n)] for i in range(n)]


def mul(a, b):
    bt = list(zip(*b))
    return [[sum((x * y for x, y in zip(row, col)), Fraction(0)) for col in bt] for row in a]


def tr(a):
    return [list(r) for r in zip(*a)]


def kron(a, b):
    return [[x * y for x in ra for y in rb] for ra in a for rb in b]


def chain(layers, lo, hi, size):
    """W_hi ... W_lo (1-based); the identity of the given size when hi < lo."""
    p = identity(size)
    for k in range(lo, hi + 1):
        p = mul(layers[k - 1], p)
    return p


class Case:
    """A linear network W_m ... W_1 with Sigma_x and target T; loss l = tr((P - T) Sigma_x (P - T)^T)."""

    def __init__(self, node, witness=None):
        self.witness = witness or {}
        self.W = [mat(w) for w in node["layers"]]
        self.m = len(self.W)
        self.d = [len(self.W[0][0])] + [len(w) for w in self.W]
        for k, w in enumerate(self.W):
            if len(w[0]) != self.d[k] or any(len(r) != len(w[0]) for r in w):
                raise ValueError("layer W%d does not chain" % (k + 1))
        self.P = chain(self.W, 1, self.m, self.d[0])
        self.S = mat(node["sigma_x"]) if node.get("sigma_x") is not None else identity(self.d[0])
        self.T = mat(node["target"]) if node.get("target") is not None else self.P
        self.A = [None] + [chain(self.W, k + 1, self.m, self.d[k]) for k in range(1, self.m + 1)]
        self.B = [None] + [chain(self.W, 1, k - 1, self.d[0]) for k in range(1, self.m + 1)]
        # parameter theta = (k, r, c) is entry W_k[r][c]; its index is offset_k + c d_k + r (columns stacked)
        self.params = [(k, r, c) for k in range(1, self.m + 1) for c in range(self.d[k - 1]) for r in range(self.d[k])]
        self.cache = {}

    def dP(self, t):
        """dP/dW_k[r][c] = A_k e_r e_c^T B_k."""
        k, r, c = t
        return [[self.A[k][i][r] * self.B[k][c][j] for j in range(self.d[0])] for i in range(self.d[-1])]

    def inner(self, u, v):
        """<U, V> = tr(U Sigma V^T)."""
        us = mul(u, self.S)
        return sum((x * y for ru, rv in zip(us, v) for x, y in zip(ru, rv)), Fraction(0))

    def hessian(self):
        """Second derivatives of l: the st-coefficient of l(w + s e_t + t e_u) is 2<X,Y> + 2<R, Z>."""
        if "H" not in self.cache:
            R = [[p - t for p, t in zip(rp, rt)] for rp, rt in zip(self.P, self.T)]
            X = [self.dP(t) for t in self.params]
            n = len(self.params)
            H = [[Fraction(0)] * n for _ in range(n)]
            zero_r = all(x == 0 for row in R for x in row)
            for a in range(n):
                for b in range(a, n):
                    v = 2 * self.inner(X[a], X[b])
                    (j, r, c), (k, r2, c2) = self.params[a], self.params[b]
                    if k > j and not zero_r:  # d2P = A_k e_r2 e_c2^T M e_r e_c^T B_j, M = W_(k-1)..W_(j+1)
                        mid = chain(self.W, j + 1, k - 1, self.d[j])[c2][r]
                        Z = [[mid * self.A[k][i][r2] * self.B[j][c][jj] for jj in range(self.d[0])]
                             for i in range(self.d[-1])]
                        v += 2 * self.inner(R, Z)
                    H[a][b] = H[b][a] = v
            self.cache["H"] = H
        return self.cache["H"]

    def phi_phi_t(self):
        """Lemma 3's 2 Phi Phi^T, block (i, j) = 2 (B_i Sigma B_j^T) kron (A_i^T A_j), the paper's eq. (16)."""
        rows = []
        for i in range(1, self.m + 1):
            blocks = [kron(mul(mul(self.B[i], self.S), tr(self.B[j])), mul(tr(self.A[i]), self.A[j]))
                      for j in range(1, self.m + 1)]
            for t in range(len(blocks[0])):
                rows.append([2 * x for b in blocks for x in b[t]])
        return rows

    def hessian_gram(self):
        """2 Phi^T Phi = 2 sum_theta vec(X_theta) vec(X_theta)^T (Sigma_x = I): the d_x d_y Gram form of H."""
        if "K" not in self.cache:
            vecs = [[x for c in range(self.d[0]) for x in (row[c] for row in self.dP(t))] for t in self.params]
            q = self.d[0] * self.d[-1]
            self.cache["K"] = [[2 * sum((v[i] * v[j] for v in vecs), Fraction(0)) for j in range(q)] for i in range(q)]
        return self.cache["K"]

    def matrix(self, name):
        if name == "hessian":
            return self.hessian()
        if name == "hessian_gram":
            if self.S != identity(self.d[0]) or self.P != self.T:
                raise Check("hessian_gram stands for H only at P = T with Sigma_x = I")
            if self.hessian() != self.phi_phi_t():
                raise Check("H != 2 Phi Phi^T, so 2 Phi^T Phi does not stand for H")
            return self.hessian_gram()
        if name.startswith("hessian_signs:") and all(x == 1 for x in self.d):  # scalar net at w_j = +-|tau|^(1/m)
            mask, root = int(name.split(":")[1]), num(self.witness["root"])
            return scalar_hessian(self, [-root if (mask >> j) & 1 else root for j in range(self.m)])
        if name == "product_gram":
            return mul(tr(self.P), self.P) if len(self.P[0]) <= len(self.P) else mul(self.P, tr(self.P))
        if name == "target_gram":
            return mul(tr(self.T), self.T)
        kind, _, k = name.partition(":")
        if kind == "nu_gram" and k.isdigit():  # X X^T of Sec. 5 for the witnessed C
            x = nu_x(self, mat(self.witness["nu_c:" + k]))
            return mul(x, tr(x))
        if kind in ("layer_gram", "forward_gram", "backward_gram") and k.isdigit():
            k = int(k)
            w = (self.W[k - 1] if kind == "layer_gram" else chain(self.W, 1, k, self.d[0]) if kind == "forward_gram"
                 else chain(self.W, k + 1, self.m, self.d[k]))
            return mul(tr(w), w) if len(w[0]) <= len(w) else mul(w, tr(w))
        raise Check("unknown matrix name %r" % name)


class Check(Exception):
    """A certificate that fails."""


# ---------------------------------------------------------------- inertia facts


def block_inertia(b):
    """(neg, zero, pos) of a 1x1 or symmetric 2x2 block."""
    if len(b) == 1:
        s = (b[0][0] > 0) - (b[0][0] < 0)
        return (int(s < 0), int(s == 0), int(s > 0))
    if len(b) != 2 or b[0][1] != b[1][0]:
        raise Check("a D block is neither 1x1 nor symmetric 2x2")
    det, trace = b[0][0] * b[1][1] - b[0][1] ** 2, b[0][0] + b[1][1]
    if det < 0:
        return (1, 0, 1)
    if det > 0:
        return (2, 0, 0) if trace < 0 else (0, 0, 2)
    return (int(trace < 0), 1 + int(trace == 0), int(trace > 0))


def check_fact(case, f):
    """Verifies P (c I - M) P^T = L D L^T exactly and returns the inertia of c I - M counted from D."""
    if f.get("kind") != "inertia":
        raise Check("unknown fact kind %r" % f.get("kind"))
    m = mat(f["entries"]) if f["matrix"] == "explicit" else case.matrix(f["matrix"])
    n, c = len(m), num(f["shift"])
    perm = [int(x) for x in f["permutation"]]
    if sorted(perm) != list(range(n)):
        raise Check("the permutation is not one of 0..%d" % (n - 1))
    low = f["lower"]
    if len(low) != n or any(len(low[i]) != i for i in range(n)):
        raise Check("L has the wrong shape")
    L = [[num(low[i][j]) if j < i else Fraction(int(i == j)) for j in range(n)] for i in range(n)]
    D = [[Fraction(0)] * n for _ in range(n)]
    counts, pos = [0, 0, 0], 0
    for b in f["blocks"]:
        b = mat(b)
        for i in range(len(b)):
            for j in range(len(b)):
                if pos + i >= n:
                    raise Check("D's blocks are larger than the matrix")
                D[pos + i][pos + j] = b[i][j]
        counts = [x + y for x, y in zip(counts, block_inertia(b))]
        pos += len(b)
    if pos != n:
        raise Check("D's blocks do not cover the matrix")
    ldl = mul(mul(L, D), tr(L))
    for i in range(n):
        for j in range(n):
            want = (c if perm[i] == perm[j] else 0) - m[perm[i]][perm[j]]
            if ldl[i][j] != want:
                raise Check("L D L^T differs from P (%s I - %s) P^T at (%d, %d)" % (f["shift"], f["matrix"], i, j))
    if counts != [int(x) for x in f["inertia"]]:
        raise Check("D has inertia %s, the certificate states %s" % (counts, f["inertia"]))
    return tuple(counts)


# ---------------------------------------------------------------- the claims' statements


def find(facts, names, shift=None):
    return [(c, s) for (name, s), c in facts.items() if name in names and (shift is None or s == shift)]


def need(cond, why):
    if not cond:
        raise Check(why)


def white_minimum(case):
    need(min(case.d) >= min(case.d[0], case.d[-1]), "A1 fails")
    need(case.S == identity(case.d[0]), "A2 fails: Sigma_x is not I")
    need(case.P == case.T, "not a global minimum: P != T")


def top_sigma(case, facts, w):
    """s = sigma_max(T)^2: s I - T^T T is PSD (no negative) and singular (a zero)."""
    s = num(w["sigma_squared"])
    need(any(c[0] == 0 and c[1] >= 1 for c, _ in find(facts, {"target_gram"}, s)),
         "no fact shows sigma_squared I - T^T T PSD and singular")
    return s


def lambda_star_is(q, s, m):
    need(q > 0 and q ** m == (2 * m) ** m * s ** (m - 1), "lambda* != 2m sigma^(2(1-1/m))")


def layers_at(case, facts, w, power, what):
    """root_squared^m = power and sigma_max(W_k)^2 = root_squared for every k (PSD and singular facts)."""
    r2 = num(w["root_squared"])
    need(r2 > 0 and r2 ** case.m == power, "root_squared^m != %s" % what)
    for k in range(1, case.m + 1):
        need(any(c[0] == 0 and c[1] >= 1 for c, _ in find(facts, {"layer_gram:%d" % k}, r2)),
             "no fact shows sigma_max(W_%d)^2 = root_squared" % k)


def flattest(case, facts, w, s):
    layers_at(case, facts, w, s, "sigma_max(T)^2")


def v_sharpness(case, facts, w):
    """Theorem 1 / Theorem 4: at a flattest minimum lambda_max(H) = 2m sigma^(2(1-1/m))."""
    white_minimum(case)
    s = top_sigma(case, facts, w)
    flattest(case, facts, w, s)
    for c, q in find(facts, {"hessian", "hessian_gram"}):
        if c[0] == 0 and c[1] >= 1 and q > 0:
            lambda_star_is(q, s, case.m)
            return
    raise Check("no fact shows lambda* I - H PSD and singular")


def v_lower_bound(case, facts, w):
    """Theorem 1: lambda_max(H) >= lambda*, via some q with lambda_max(H) >= q >= lambda*."""
    white_minimum(case)
    s_hi = num(w.get("sigma_squared", w.get("sigma_squared_hi")))
    need(any(c[0] == 0 for c, _ in find(facts, {"target_gram"}, s_hi)), "no fact shows sigma_max(T)^2 <= %s" % s_hi)
    m = case.m
    for c, q in find(facts, {"hessian", "hessian_gram"}):
        if (c[0] >= 1 or c[1] >= 1) and q > 0 and q ** m >= (2 * m) ** m * s_hi ** (m - 1):
            return
    raise Check("no fact shows lambda_max(H) >= q >= lambda*")


def apply(a, x):
    return [sum((r * y for r, y in zip(row, x)), Fraction(0)) for row in a]


def norm2(x):
    return sum((y * y for y in x), Fraction(0))


def omega0(case, facts, w):
    """Theorems 1-3's hypothesis w in Omega_0: a white global minimum whose lambda_max(H) equals the least
    value lambda* = 2m sigma^(2(1-1/m)) over Omega (eq. (29)): lambda* I - H PSD and singular."""
    white_minimum(case)
    s, m = top_sigma(case, facts, w), case.m
    need(any(c[0] == 0 and c[1] >= 1 and q > 0 and q ** m == (2 * m) ** m * s ** (m - 1)
             for c, q in find(facts, {"hessian", "hessian_gram"})), "no fact shows lambda_max(H) = lambda* (w in Omega_0)")
    return s


def flattest_with_vectors(case, facts, w):
    """w in Omega_0, s = sigma_max(T)^2, v a right singular vector of T for it, u = T v, r^2 = s^(1/m) (or None)."""
    s = omega0(case, facts, w)
    v, u = [num(x) for x in w["v"]], [num(x) for x in w["u"]]
    need(any(x != 0 for x in v), "v = 0")
    need(apply(mul(tr(case.T), case.T), v) == [s * x for x in v], "T^T T v != s v")
    need(u == apply(case.T, v), "u != T v")
    return s, iroot(s, case.m), v, u


def v_gains(item):
    """Theorem 2: the gains of the partial products W_k..W_1 (items i, ii) and W_m..W_(k+1) (iii, iv)."""
    def verify(case, facts, w):
        s, r2, v, u = flattest_with_vectors(case, facts, w)
        need(r2 is not None, "sigma_max(T)^(2/m) is irrational")
        m = case.m
        for k in (range(1, m + 1) if item in ("i", "ii") else range(0, m)):
            forward = item in ("i", "ii")
            p = chain(case.W, 1, k, case.d[0]) if forward else chain(case.W, k + 1, m, case.d[k])
            gain2 = r2 ** (k if forward else m - k)
            if item == "i":
                need(apply(mul(tr(p), p), v) == [gain2 * x for x in v], "P_k^T P_k v != r^(2k) v at k = %d" % k)
            elif item == "iii":
                need(apply(mul(p, tr(p)), u) == [gain2 * x for x in u], "A_k A_k^T u != r^(2(m-k)) u at k = %d" % k)
            else:
                name = ("forward_gram:%d" if forward else "backward_gram:%d") % k
                need(any(c[0] == 0 for c, _ in find(facts, {name}, m * gain2)), "no fact shows %s <= m r^(2.)" % name)
    return verify


def positive_multiple(x, y):
    """c > 0 with x = c y, or None."""
    i = next((i for i, t in enumerate(y) if t != 0), None)
    if i is None or x[i] == 0:
        return None
    c = x[i] / y[i]
    return c if c > 0 and x == [c * t for t in y] else None


def v_coupling(item):
    """Theorem 3 with r_k = W_(k-1)..W_1 v and q_k = (W_m..W_(k+1))^T u: W_k r_k = c q_k, c^2 |q_k|^2 = r^2 |r_k|^2."""
    def verify(case, facts, w):
        s, r2, v, u = flattest_with_vectors(case, facts, w)
        need(r2 is not None, "sigma_max(T)^(2/m) is irrational")
        for k in range(1, case.m + 1):
            rk, qk = apply(case.B[k], v), apply(tr(case.A[k]), u)
            need(any(rk) and any(qk), "r_k or q_k vanishes at k = %d" % k)
            c = positive_multiple(apply(case.W[k - 1], rk), qk)
            need(c is not None and c * c * norm2(qk) == r2 * norm2(rk), "W_k r_k != c q_k at k = %d" % k)
            if item == "i":
                c2 = positive_multiple(apply(tr(case.W[k - 1]), qk), rk)
                need(c2 is not None and c2 * c2 * norm2(rk) == r2 * norm2(qk), "W_k^T q_k != c' r_k at k = %d" % k)
    return verify


def v_eigenvector(case, facts, w):
    """Theorem 1: H b = lambda* b for b = Phi (v kron u), v a top right singular vector of T, u = T v."""
    s, r2, v, u = flattest_with_vectors(case, facts, w)
    b, q = [num(x) for x in w["b"]], num(w["lambda_star"])
    lambda_star_is(q, s, case.m)
    want = [sum(x[i][j] * u[i] * v[j] for i in range(len(u)) for j in range(len(v))) for x in map(case.dP, case.params)]
    need(b == want, "b != Phi (v kron u)")
    need(any(x != 0 for x in b), "b = 0")
    H = case.hessian()
    need(all(sum(H[i][j] * b[j] for j in range(len(b))) == q * b[i] for i in range(len(b))), "H b != lambda* b")


def v_lemma3(case, facts, w):
    """Lemma 3: at a global minimum (A1) the loss's Hessian equals 2 Phi Phi^T."""
    need(min(case.d) >= min(case.d[0], case.d[-1]), "A1 fails")
    need(case.P == case.T, "not a global minimum: P != T")
    need(case.hessian() == case.phi_phi_t(), "H != 2 Phi Phi^T")


def v_scalar_eq10(case, facts, w):
    """Eq. (10): scalar network at a minimum: lambda_max(H) = 2 sigma_x^2 tau^2 sum_j w_j^-2, H of rank one."""
    need(all(x == 1 for x in case.d), "not a scalar network")
    need(case.P == case.T and case.T[0][0] != 0, "not a global minimum with tau != 0")
    value = 2 * case.S[0][0] * case.T[0][0] ** 2 * sum(1 / wk[0][0] ** 2 for wk in case.W)
    need(any(c[0] == 0 and c[1] >= 1 for c, _ in find(facts, {"hessian"}, value)), "no fact shows lambda_max(H) = eq. (10)")
    need(any(c[0] + c[2] == 1 for c, _ in find(facts, {"hessian"}, Fraction(0))), "no fact shows rank(H) = 1")


def v_lemma4(case, facts, w):
    """Lemma 4: sum_k ||W_k||_F^2 >= m ||W_m..W_1||_2^(2/m), i.e. sigma_max(P)^2 <= (S/m)^m."""
    s = sum((x * x for wk in case.W for row in wk for x in row), Fraction(0))
    need(any(c[0] == 0 for c, _ in find(facts, {"product_gram"}, (s / case.m) ** case.m)),
         "no fact shows (S/m)^m I - P^T P PSD")


def scalar_minimum(case):
    need(all(x == 1 for x in case.d), "not a scalar network")
    need(case.P == case.T and case.T[0][0] != 0, "not a global minimum with tau != 0")
    return case.T[0][0], case.S[0][0], case.m


def v_scalar_eq13(case, facts, w):
    """Eq. (13): lambda_max(H) >= 2m sigma_x^2 |tau|^(2(1-1/m)) on Omega, with equality on the flattest set (12)."""
    tau, s2, m = scalar_minimum(case)
    c = 2 * m * s2
    target = c ** m * tau ** (2 * (m - 1))  # the bound's m-th power
    weights = [wk[0][0] for wk in case.W]
    flat = all(abs(x) == abs(weights[0]) for x in weights) and abs(weights[0]) ** m == abs(tau)
    for cnt, q in find(facts, {"hessian"}):
        if flat and cnt[0] == 0 and cnt[1] >= 1 and q > 0 and q ** m == target:
            return
        if not flat and (cnt[0] >= 1 or cnt[1] >= 1) and q > 0 and q ** m >= target:
            return
    raise Check("no fact shows lambda_max(H) %s eq. (13)'s value" % ("=" if flat else ">="))


def v_scalar_eq12(case, facts, w):
    """Eq. (12): the 2^(m-1) sign patterns at |w_j| = |tau|^(1/m) reaching tau all have lambda_max = eq. (13)."""
    tau, s2, m = scalar_minimum(case)
    root = num(w["root"])
    need(root > 0 and root ** m == abs(tau), "root^m != |tau|")
    lam = 2 * m * s2 * root ** (2 * (m - 1))
    reach = [mask for mask in range(2 ** m) if (-1) ** bin(mask).count("1") * root ** m == tau]
    need(len(reach) == 2 ** (m - 1), "%d sign patterns reach tau, not 2^(m-1)" % len(reach))
    for mask in reach:
        need(any(c[0] == 0 and c[1] >= 1 for c, _ in find(facts, {"hessian_signs:%d" % mask}, lam)),
             "no fact shows lambda_max = eq. (13) at sign pattern %d" % mask)
    inside = all(abs(wk[0][0]) == root for wk in case.W)
    ok = [c for c, _ in find(facts, {"hessian"}, lam) if (c[0] == 0 and c[1] >= 1 if inside else c[0] >= 1)]
    need(ok, "no fact shows the instance's lambda_max %s eq. (13)" % ("=" if inside else ">"))


def iroot(x, m):
    """The exact m-th root of a rational x >= 0, or None."""
    def int_root(n):
        lo, hi = 0, 1 << (n.bit_length() // m + 1)  # hi^m > n
        while hi - lo > 1:
            mid = (lo + hi) // 2
            lo, hi = (mid, hi) if mid ** m <= n else (lo, mid)
        return lo if lo ** m == n else None
    p, q = int_root(x.numerator), int_root(x.denominator)
    return None if p is None or q is None else Fraction(p, q)


def scalar_hessian(case, weights):
    layers = [[[str(x)]] for x in weights]
    return Case({"layers": layers, "sigma_x": [[str(case.S[0][0])]], "target": [[str(case.T[0][0])]]}).hessian()


def v_lemma2(case, facts, w):
    """Lemma 2: w3 = w1^2 / w2 (same signs) is a minimum, and along w1-w3 it is flatter than w1, though w2 was sharper."""
    tau, s2, m = scalar_minimum(case)
    c = iroot(abs(tau), m)
    need(c is not None, "|tau|^(1/m) is irrational")
    w2 = [wk[0][0] for wk in case.W]
    w1 = [-c if x < 0 else c for x in w2]

    def curvature(at, frm, to):
        d = [y - x for x, y in zip(frm, to)]
        h = scalar_hessian(case, at)
        return sum(d[i] * h[i][j] * d[j] for i in range(m) for j in range(m))
    need(curvature(w2, w1, w2) > curvature(w1, w1, w2), "the premise fails: w2 is not sharper than w1 along w1-w2")
    w3 = [x * x / y for x, y in zip(w1, w2)]
    need(all((x > 0) == (y > 0) for x, y in zip(w3, w1)), "w3 has another sign pattern")
    prod = Fraction(1)
    for x in w3:
        prod *= x
    need(prod == tau, "w3 is not a global minimum")
    need(curvature(w3, w1, w3) < curvature(w1, w1, w3), "w3 is not flatter than w1 along w1-w3")


def positive_definite(s):
    """Symmetric with all pivots of the unpivoted elimination positive (Sylvester's criterion)."""
    a = [row[:] for row in s]
    if a != tr(a):
        return False
    for k in range(len(a)):
        if a[k][k] <= 0:
            return False
        for i in range(k + 1, len(a)):
            f = a[i][k] / a[k][k]
            a[i] = [x - f * y for x, y in zip(a[i], a[k])]
    return True


def regression(case):
    """Marion & Chizat's setting: (d x d)^(L-1), 1 x d; Sigma PD; P = w*^T != 0. Returns (L, a, ||w*||^2)."""
    need(case.d[-1] == 1 and all(x == case.d[0] for x in case.d[:-1]), "not the univariate d x d ... 1 x d setting")
    need(positive_definite(case.S), "Sigma is not positive definite")
    need(case.P == case.T and any(case.T[0]), "not a minimiser with w* != 0")
    ws = case.T[0]
    n2 = norm2(ws)
    return case.m, sum(ws[i] * case.S[i][j] * ws[j] for i in range(len(ws)) for j in range(len(ws))) / n2, n2


def v_mc_lower(case, facts, w):
    """Marion & Chizat: lambda_max(H) >= 2 L a ||w*||^(2-2/L), through some q with lambda_max(H) >= q >= the bound."""
    m, a, n2 = regression(case)
    for c, q in find(facts, {"hessian", "hessian_gram"}):
        if (c[0] >= 1 or c[1] >= 1) and q > 0 and q ** m >= (2 * m * a) ** m * n2 ** (m - 1):
            return
    raise Check("no fact shows lambda_max(H) >= q >= 2 L a ||w*||^(2-2/L)")


def v_mc_equality(case, facts, w):
    """Marion & Chizat's equality case: balanced, Sigma isotropic (or d = 1) => lambda_max(H) = the bound."""
    m, a, n2 = regression(case)
    need(case.S == [[case.S[0][0] * x for x in row] for row in identity(case.d[0])], "Sigma is not s I")
    layers_at(case, facts, w, n2, "||w*||^2")
    for c, q in find(facts, {"hessian", "hessian_gram"}):
        if c[0] == 0 and c[1] >= 1 and q > 0 and q ** m == (2 * m * a) ** m * n2 ** (m - 1):
            return
    raise Check("no fact shows lambda_max(H) = 2 L a ||w*||^(2-2/L)")


def v_mc_agreement(case, facts, w):
    """Theorem 1's lambda* = 2m sigma_max(T)^(2-2/m) agrees with 2 L a ||w*||^(2-2/L) (sigma_max(w*^T)^2 = ||w*||^2)."""
    m, a, n2 = regression(case)
    need((2 * m) ** m * n2 ** (m - 1) == (2 * m * a) ** m * n2 ** (m - 1), "the two closed forms differ")
    for c, q in find(facts, {"hessian", "hessian_gram"}):  # at a balanced minimiser: lambda_max(H) equals them
        need(c[0] == 0 and c[1] >= 1 and q ** m == (2 * m) ** m * n2 ** (m - 1), "lambda_max(H) != lambda*")


def nu_x(case, c):
    """X = (C T^T)^(m-1) C."""
    x, step = c, mul(c, tr(case.T))
    for _ in range(case.m - 1):
        x = mul(step, x)
    return x


def v_section5(case, facts, w):
    """Sec. 5, eqs. (21)-(25): at a global minimum, lambda_max(H) >= nu(B) for every B tried, where for
    B = C Sigma^(-1/2)/sqrt(c), c = tr(C Sigma^-1 C^T): nu(B) = 2m mu^(1/m)/c, mu = lambda_max(X X^T)."""
    need(min(case.d) >= min(case.d[0], case.d[-1]), "A1 fails")
    need(positive_definite(case.S), "Sigma_x is not positive definite")
    need(case.P == case.T, "not a global minimum: P != T")
    keys = [k[5:] for k in w if k.startswith("nu_c:")]
    need(keys, "no B witnessed")
    m = case.m
    for k in keys:
        cm, y = mat(w["nu_c:" + k]), mat(w["nu_y:" + k])
        need(mul(case.S, y) == tr(cm), "Sigma_x Y != C^T for B %s" % k)
        cy = mul(cm, y)
        c = sum((cy[i][i] for i in range(len(cy))), Fraction(0))
        need(c > 0, "tr(C Sigma^-1 C^T) <= 0")
        g = mul(nu_x(case, cm), tr(nu_x(case, cm)))
        rank1 = all(g[i][i] * g[j][j] == g[i][j] ** 2 for i in range(len(g)) for j in range(len(g)))
        mu_hi = [sum((g[i][i] for i in range(len(g))), Fraction(0))] if rank1 else []  # rank one: mu = tr
        mu_hi += [q for cnt, q in find(facts, {"nu_gram:" + k}) if cnt[0] == 0]  # mu_hi I - X X^T PSD
        need(mu_hi, "no upper bound on mu for B %s" % k)
        bound = (2 * m / c) ** m * min(mu_hi)  # nu(B)^m <= bound
        need(any((cnt[0] >= 1 or cnt[1] >= 1) and q > 0 and q ** m >= bound
                 for cnt, q in find(facts, {"hessian", "hessian_gram"})), "no fact shows lambda_max(H) >= nu(B) for B %s" % k)


def v_inspect(case, facts, w):
    """inspect's exact verdicts: on_global_minimum, the Hessian's inertia, an exact or certified is_flattest."""
    on_minimum = case.P == case.T
    need(w["on_global_minimum"] == str(on_minimum).lower(), "on_global_minimum is wrong")
    if "hessian_inertia" in w:
        neg, zero, pos = [int(x) for x in w["hessian_inertia"].split(",")]
        need((pos, zero, neg) in [c for c, _ in find(facts, {"hessian"}, Fraction(0))], "no fact shows H's inertia")
    need(w.get("is_flattest") != "true" or on_minimum, "is_flattest is true off a global minimum")
    if w.get("is_flattest") in ("true", "false") and on_minimum:
        # Sigma_x = a I: l = a l_white, so H = a H_white, the same minima are flattest and lambda* scales by a
        a, m = case.S[0][0], case.m
        need(a > 0 and case.S == [[a * x for x in row] for row in identity(case.d[0])], "A2 fails: Sigma_x is not a I")
        need(min(case.d) >= min(case.d[0], case.d[-1]), "A1 fails")
        if w["is_flattest"] == "true":
            s = top_sigma(case, facts, w)
            need(any(c[0] == 0 and c[1] >= 1 and q > 0 and q ** m == (2 * m * a) ** m * s ** (m - 1)
                     for c, q in find(facts, {"hessian", "hessian_gram"})), "no fact shows lambda_max(H) = lambda*")
        else:
            s_hi = num(w.get("sigma_squared", w.get("sigma_squared_hi")))
            need(any(c[0] == 0 for c, _ in find(facts, {"target_gram"}, s_hi)), "no fact shows sigma_max(T)^2 <= %s" % s_hi)
            need(any(c[0] >= 1 and q > 0 and q ** m >= (2 * m * a) ** m * s_hi ** (m - 1)
                     for c, q in find(facts, {"hessian", "hessian_gram"})), "no fact shows lambda_max(H) > q >= lambda*")


VERIFIERS = {"theorem1.sharpness": v_sharpness, "theorem4": v_sharpness, "theorem1.lower-bound": v_lower_bound,
             "theorem1.eigenvector": v_eigenvector, "lemma3": v_lemma3, "scalar.eq10": v_scalar_eq10,
             "theorem2.i": v_gains("i"), "theorem2.ii": v_gains("ii"), "theorem2.iii": v_gains("iii"),
             "theorem2.iv": v_gains("iv"), "theorem3.i": v_coupling("i"), "theorem3.ii": v_coupling("ii"),
             "lemma4": v_lemma4, "scalar.eq12": v_scalar_eq12, "scalar.eq13": v_scalar_eq13, "lemma2": v_lemma2,
             "beyond.mc.lower-bound": v_mc_lower, "beyond.mc.equality": v_mc_equality,
             "beyond.mc.theorem1-agreement": v_mc_agreement, "inspect": v_inspect,
             "section5.lower-bound": v_section5}


def check(cert):
    """('valid' | 'invalid' | 'unsupported', reason)."""
    try:
        if cert.get("verdict") not in ("PROVED", "CERTIFIED"):
            raise Check("verdict %r is not PROVED or CERTIFIED" % cert.get("verdict"))
        case = Case(cert["case"], cert.get("witness", {}))
        facts = {}
        for f in cert["facts"]:
            counts = check_fact(case, f)
            if f["matrix"] != "explicit":
                facts[(f["matrix"], num(f["shift"]))] = counts
        verifier = VERIFIERS.get(cert["claim"])
        if verifier is None:
            return "unsupported", "no verifier for %s (%d facts checked)" % (cert["claim"], len(cert["facts"]))
        verifier(case, facts, cert.get("witness", {}))
        return "valid", "%d facts, statement re-derived" % len(cert["facts"])
    except Check as e:
        return "invalid", str(e)
    except (KeyError, ValueError, TypeError, IndexError, ZeroDivisionError, AttributeError) as e:
        return "invalid", "malformed certificate: %s: %s" % (type(e).__name__, e)


def load(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return json.load(fh, parse_float=Fraction, parse_int=int)


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    quiet = "--quiet" in argv
    results = None
    if "--results" in argv:
        i = argv.index("--results")
        if i + 1 >= len(argv):
            print("flatminima_check: --results needs a file", file=sys.stderr)
            return 2
        results = argv[i + 1]
        args.remove(results)
    if len(args) != 1:
        print("usage: flatminima_check.py CERTIFICATES.json [--results RESULTS.json] [--quiet]", file=sys.stderr)
        return 2
    try:
        certs = load(args[0])
        certs = certs.get("certificates") if isinstance(certs, dict) else None
        if not isinstance(certs, list):
            raise ValueError("not a certificates file (no list 'certificates')")
    except (OSError, ValueError) as e:
        print("flatminima_check: cannot read %s: %s" % (args[0], e), file=sys.stderr)
        return 2
    try:
        listed = load(results) if results else None
        if listed is not None and not isinstance(listed.get("claims") if isinstance(listed, dict) else None, list):
            raise ValueError("not a results file (no list 'claims')")
    except (OSError, ValueError) as e:
        print("flatminima_check: cannot read %s: %s" % (results, e), file=sys.stderr)
        return 2
    tally = {"valid": 0, "invalid": 0, "unsupported": 0, "missing": 0}
    seen = set()
    for cert in certs:
        cert = cert if isinstance(cert, dict) else {"claim": None, "seed": None, "malformed": cert}
        status, why = check(cert)
        tally[status] += 1
        seen.add((cert.get("claim"), str(cert.get("seed"))))
        if not quiet or status == "invalid":
            print("%-11s %-28s seed %-20s %s" % (status, cert.get("claim"), cert.get("seed"), why))
    for claim in listed["claims"] if listed is not None else []:
        for inst in claim.get("instances", []) if isinstance(claim, dict) else []:
            if isinstance(inst, dict) and inst.get("verdict") in ("PROVED", "CERTIFIED") \
                    and (claim.get("id"), str(inst.get("seed"))) not in seen:
                tally["missing"] += 1
                print("missing     %-28s seed %-20s no certificate" % (claim.get("id"), inst.get("seed")))
    print("certificates: %d valid, %d invalid, %d unsupported, %d missing (%.2f s CPU)" % (
        tally["valid"], tally["invalid"], tally["unsupported"], tally["missing"], time.process_time()))
    return 1 if tally["invalid"] or tally["missing"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
