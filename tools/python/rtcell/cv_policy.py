"""CV policies under braincell's names (README "CV policies").

``CVPerBranch(n)`` cuts every branch into n CVs; ``CVPerBranchList`` gives n per branch (a
dict by branch name, or a list in branch order); ``MaxCVLen(l)`` the fewest CVs no longer than
l um; ``DLambda(d_lambda, freq)`` NEURON's d-lambda rule. Policies compose: ``a | b`` applies b
on top of a, ``p.on(region)`` restricts p to a region, and ``CVPolicyByType({"soma":
CVPerBranch(1), "basal_dendrite": DLambda()})`` composes by branch type.
"""
from ._rtcell import CvPolicy, Region
from .labels import as_region


def CVPerBranch(n=1):
    return CvPolicy.per_branch() if int(n) == 1 else CvPolicy.fixed_per_branch(int(n))


def CVPerBranchList(counts, morpho=None):
    """counts: {branch name: n}, or a list of n in branch order (needs the morphology)."""
    if isinstance(counts, dict):
        return CvPolicy.explicit_counts({str(k): int(v) for k, v in counts.items()})
    if morpho is None:
        raise ValueError("CVPerBranchList: a list of counts needs morpho= to name the branches")
    names = morpho.branch_names
    if len(counts) != len(names):
        raise ValueError(f"CVPerBranchList: {len(counts)} counts for {len(names)} branches")
    return CvPolicy.explicit_counts({n: int(c) for n, c in zip(names, counts)})


def MaxCVLen(max_len, odd=False):
    """max_len in um (a number, or a string with a unit such as "20 um")."""
    from ._rtcell import quantity
    return CvPolicy.max_extent(quantity(max_len, "um", "MaxCVLen.max_len"), bool(odd))


def DLambda(d_lambda=0.1, freq=100.0):
    """freq in Hz (a number, or a string such as "100 Hz")."""
    from ._rtcell import quantity
    return CvPolicy.d_lambda(float(d_lambda), quantity(freq, "Hz", "DLambda.freq"))


def CVPolicyByType(policies, default=None):
    """One policy per branch type name (soma, axon, basal_dendrite, apical_dendrite, custom)."""
    out = default if default is not None else CvPolicy.per_branch()
    for type_name, policy in policies.items():
        out = out | policy.on(Region(f"(type {type_name})"))
    return out


def as_cv_policy(p):
    if p is None:
        return CvPolicy.per_branch()
    if isinstance(p, CvPolicy):
        return p
    raise TypeError(f"expected a CV policy (rtcell.CVPerBranch, MaxCVLen, DLambda, ...), not {p!r}")


__all__ = ["CVPerBranch", "CVPerBranchList", "MaxCVLen", "DLambda", "CVPolicyByType",
           "CvPolicy", "as_region"]
