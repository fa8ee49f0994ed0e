#!/usr/bin/python3
"""Distil NEURON's Import3d readings (shared/reference/morphology/*.json) into the small
tab-separated tables the C++ tests read, so the tests need no JSON library.

Source: the rtcell shared reference set, produced with NEURON 8.2.2 (Import3d_SWC_read /
Import3d_Neurolucida3 + Import3d_GUI.instantiate); see its README. Run from this folder:
    python3 distill.py ../../../../shared/reference/morphology
Each output <file>.tsv has one 'summary' line (section counts per type, total area,
total length, 3-D points, roots, length per type, and the total CV count with NEURON's
"smallest odd nseg with L/nseg <= 20 um" rule) then one line per section, in NEURON's
creation order: name, parent, parent_x, L (µm), n3d, area with nseg=1 (µm²), first and
last 3-D point (x y z diam, µm), logical connection (x y z or '-').
"""
import glob
import json
import os
import sys

src = sys.argv[1]
for path in sorted(glob.glob(os.path.join(src, "**", "*.json"), recursive=True)):
    rel = os.path.relpath(path, src)[: -len(".json")]
    with open(path) as f:
        d = json.load(f)
    s = d["summary"]
    t = s["n_sections_per_type"]
    out = os.path.join(os.path.dirname(__file__) or ".", rel + ".tsv")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        f.write(f"# NEURON {d['neuron_version']} reading of {d['path']} ({d['reader']})\n")
        lengths = s["total_length_per_type_um"]
        f.write("summary\t%d\t%d\t%d\t%d\t%d\t%d\t%.10g\t%.10g\t%d\t%d\t%.10g\t%.10g\t%.10g\t%.10g\t%.10g\t%d\n" % (
            s["n_sections"], t["soma"], t["axon"], t["dend"], t["apic"], t["other"],
            s["total_area_nseg1_um2"], s["total_length_um"], s["n_3d_points"], s["n_roots"],
            lengths["soma"], lengths["axon"], lengths["dend"], lengths["apic"], lengths["other"],
            s["total_nseg20"]))
        for sec in d["sections"]:
            p0, p1 = sec["pt3d"][0], sec["pt3d"][-1]
            lc = sec["logical_connection"]
            f.write("%s\t%s\t%s\t%.10g\t%d\t%.10g\t%s\t%s\t%s\n" % (
                sec["name"], sec["parent"] or "-",
                "-" if sec["parent_x"] is None else "%g" % sec["parent_x"],
                sec["L"], sec["n3d"], sec["area_nseg1"],
                " ".join("%.10g" % v for v in p0), " ".join("%.10g" % v for v in p1),
                "-" if lc is None else " ".join("%.10g" % v for v in lc)))
