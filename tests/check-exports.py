#!/usr/bin/env python3
"""The shared library exports the functions lede.h declares, and no other.

Usage: check-exports.py NM LIBRARY LEDE_H (a TAP test; meson runs it)."""
import re
import subprocess
import sys

nm, lib, header = sys.argv[1:4]
# a declaration starts a line: its type, then the function's name
decl_lines = [l for l in open(header).read().splitlines()
              if re.match(r"^[A-Za-z]", l) and not l.startswith(("typedef", "G_"))
              and re.search(r"\blede_\w+\(", l)]
declared = {re.search(r"\b(lede_\w+)\(", l).group(1) for l in decl_lines}
unmarked = [l for l in decl_lines if not l.startswith("LEDE_API ")]
out = subprocess.run([nm, "-D", "--defined-only", lib], capture_output=True, text=True, check=True).stdout
# symbols the toolchain adds (sanitizers, _init/_fini) start with an underscore
exported = {line.split()[-1] for line in out.splitlines() if line.split()}
exported = {s for s in exported if not s.startswith("_")}

checks = [
    ("lede.h declares the public API", len(declared) >= 40, "%d functions" % len(declared)),
    ("every declaration is marked LEDE_API", not unmarked, unmarked),
    ("every declared function is exported", declared <= exported, sorted(declared - exported)),
    ("nothing else is exported", exported <= declared, sorted(exported - declared)),
]
print("1..%d" % len(checks))
ok = True
for i, (name, passed, detail) in enumerate(checks, 1):
    print("%s %d - %s" % ("ok" if passed else "not ok", i, name))
    if not passed:
        print("# %s" % (detail,))
        ok = False
sys.exit(0 if ok else 1)
