#!/usr/bin/env python3
"""Writes lede/_cdata.py: lede._cdef's declarations parsed once by cffi
(out-of-line ABI mode: a Python file, nothing compiled), so that `import
lede` does not run pycparser. Usage: gen-cdata.py _cdef.py OUTPUT."""
import importlib.util
import sys

import cffi

spec = importlib.util.spec_from_file_location("lede_cdef", sys.argv[1])
cdef = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cdef)
ffi = cffi.FFI()
ffi.cdef(cdef.CDEF)
ffi.set_source("lede._cdata", None)
ffi.emit_python_code(sys.argv[2])
