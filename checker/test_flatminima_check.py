#!/usr/bin/env python3
"""Tests of the independent checker: the committed baseline's certificates pass, and every kind of tampering
(a pivot sign, a stated inertia, a vector, an entry of the case, a certificate of another matrix, a dropped
fact, a wrong verdict) is rejected. Run: python3 -m unittest discover -s checker  (from the repository root).
The certificates come from CERTIFICATES (default reports/baseline/certificates.json)."""
import copy
import json
import os
import subprocess
import sys
import tempfile
import unittest
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import flatminima_check as fc  # noqa: E402

SOURCE = os.environ.get("CERTIFICATES", os.path.join(HERE, "..", "reports", "baseline", "certificates.json"))


def first(doc, claim, pred=lambda c: True):
    for c in doc["certificates"]:
        if c["claim"] == claim and pred(c):
            return copy.deepcopy(c)
    raise unittest.SkipTest("no %s certificate in %s" % (claim, SOURCE))


class CheckerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not os.path.exists(SOURCE):
            raise unittest.SkipTest("no certificates at %s" % SOURCE)
        cls.doc = fc.load(SOURCE)

    def assertStatus(self, cert, want):
        status, why = fc.check(cert)
        self.assertEqual(want, status, why)
        return why

    def test_every_certificate_of_a_kind_is_valid(self):
        seen = set()
        for c in self.doc["certificates"]:
            if c["claim"] not in seen:
                seen.add(c["claim"])
                self.assertStatus(copy.deepcopy(c), "valid")
        self.assertGreaterEqual(len(seen), 10)

    def test_a_changed_pivot_sign_is_rejected(self):
        c = first(self.doc, "theorem1.sharpness")
        fact = next(f for f in c["facts"] if f["matrix"] == "hessian_gram")
        block = next(b for b in fact["blocks"] if len(b) == 1 and b[0][0] != "0")
        block[0][0] = str(-Fraction(block[0][0]))
        self.assertIn("L D L^T differs", self.assertStatus(c, "invalid"))

    def test_a_changed_stated_inertia_is_rejected(self):
        c = first(self.doc, "theorem4")
        fact = next(f for f in c["facts"] if f["matrix"] == "hessian_gram")
        fact["inertia"] = [fact["inertia"][0] + 1, fact["inertia"][1] - 1, fact["inertia"][2]]
        self.assertIn("D has inertia", self.assertStatus(c, "invalid"))

    def test_a_wrong_vector_is_rejected(self):
        c = first(self.doc, "theorem1.eigenvector")
        c["witness"]["b"][0] = str(Fraction(c["witness"]["b"][0]) + 1)
        self.assertIn("b != Phi", self.assertStatus(c, "invalid"))
        c = first(self.doc, "theorem3.i")
        c["witness"]["u"] = [str(2 * Fraction(x)) for x in c["witness"]["u"]]
        self.assertIn("u != T v", self.assertStatus(c, "invalid"))

    def test_a_perturbed_entry_of_the_case_is_rejected(self):
        for claim in ("theorem1.sharpness", "theorem1.lower-bound", "lemma3", "scalar.eq10", "lemma4"):
            c = first(self.doc, claim)
            w = c["case"]["layers"][0]
            w[0][0] = str(Fraction(w[0][0]) + Fraction(1, 7))
            self.assertStatus(c, "invalid")

    def test_a_certificate_of_another_matrix_is_rejected(self):
        a = first(self.doc, "theorem1.sharpness")
        b = first(self.doc, "theorem1.sharpness", lambda c: c["case"] != a["case"])
        a["facts"] = b["facts"]
        self.assertStatus(a, "invalid")
        c = first(self.doc, "theorem1.sharpness")
        fact = next(f for f in c["facts"] if f["matrix"] == "hessian_gram")
        fact["matrix"] = "target_gram"
        self.assertStatus(c, "invalid")

    def test_a_dropped_fact_or_a_wrong_verdict_is_rejected(self):
        c = first(self.doc, "theorem2.ii")
        c["facts"] = [f for f in c["facts"] if not f["matrix"].startswith("forward_gram")]
        self.assertIn("no fact shows", self.assertStatus(c, "invalid"))
        c = first(self.doc, "lemma3")
        c["verdict"] = "REFUTED"
        self.assertStatus(c, "invalid")

    def test_omega0_membership_must_be_witnessed(self):
        for claim in ("theorem1.eigenvector", "theorem2.i", "theorem3.ii"):
            c = first(self.doc, claim, lambda c: c["family"] == "flattest-off-theorem4")
            star = [f for f in c["facts"] if f["matrix"] in ("hessian", "hessian_gram") and f["inertia"][0] == 0]
            c["facts"] = [f for f in c["facts"] if f not in star]
            self.assertIn("Omega_0", self.assertStatus(c, "invalid"))
        c = first(self.doc, "theorem2.iii", lambda c: c["family"] == "flattest-off-theorem4")
        c["case"]["layers"][-1][0][0] = str(Fraction(c["case"]["layers"][-1][0][0]) * 2)
        self.assertStatus(c, "invalid")

    def test_section5_bound_tampering_is_rejected(self):
        c = first(self.doc, "section5.lower-bound")
        key = next(k for k in c["witness"] if k.startswith("nu_y:"))
        c["witness"][key][0][0] = str(Fraction(c["witness"][key][0][0]) + 1)
        self.assertIn("Sigma_x Y != C^T", self.assertStatus(c, "invalid"))
        c = first(self.doc, "section5.lower-bound")
        c["facts"] = [f for f in c["facts"] if not f["matrix"].startswith("hessian")]
        self.assertIn("lambda_max(H) >= nu(B)", self.assertStatus(c, "invalid"))
        c = first(self.doc, "section5.lower-bound", lambda c: any(f["matrix"].startswith("nu_gram") for f in c["facts"]))
        c["facts"] = [f for f in c["facts"] if not f["matrix"].startswith("nu_gram")]
        self.assertIn("no upper bound on mu", self.assertStatus(c, "invalid"))
        c = first(self.doc, "section5.lower-bound", lambda c: c["case"].get("sigma_x") is not None)
        c["case"]["sigma_x"][0][0] = str(Fraction(c["case"]["sigma_x"][0][0]) + 1)
        self.assertStatus(c, "invalid")

    def test_an_unknown_claim_is_unsupported_never_valid(self):
        c = first(self.doc, "theorem4")
        c["claim"] = "some.new.claim"
        self.assertStatus(c, "unsupported")

    def test_exit_status_and_missing_certificates(self):
        script = os.path.join(HERE, "flatminima_check.py")
        valid = [copy.deepcopy(c) for c in self.doc["certificates"][:3]]
        bad = copy.deepcopy(valid)
        fact = next(f for c in bad for f in c["facts"])
        fact["shift"] = str(Fraction(fact["shift"]) + 1)
        results = {"claims": [{"id": "x.y", "instances": [{"seed": 7, "verdict": "PROVED"}]}]}
        with tempfile.TemporaryDirectory() as d:
            paths = {}
            for name, body in (("ok", {"certificates": valid}), ("bad", {"certificates": bad}), ("res", results)):
                paths[name] = os.path.join(d, name + ".json")
                with open(paths[name], "w") as fh:
                    json.dump(body, fh)
            run = lambda *a: subprocess.run([sys.executable, script, *a], capture_output=True, text=True)
            self.assertEqual(0, run(paths["ok"]).returncode)
            self.assertEqual(1, run(paths["bad"], "--quiet").returncode)
            missing = run(paths["ok"], "--results", paths["res"])
            self.assertEqual(1, missing.returncode)
            self.assertIn("missing", missing.stdout)
            self.assertEqual(2, run(os.path.join(d, "absent.json")).returncode)


if __name__ == "__main__":
    unittest.main()
