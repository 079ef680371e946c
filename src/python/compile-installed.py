#!/usr/bin/env python3
"""meson install's last step for the module: byte-compiles the installed
lede/ (DESTDIR honoured), as Debian's packaging does, so that `import lede`
reads .pyc files instead of compiling its sources in every process that
cannot write __pycache__ there (any user but the one who installed, or
PYTHONDONTWRITEBYTECODE). Compiling costs an import about 0.01 s of CPU.
Usage: compile-installed.py INSTALLED_DIR (meson.add_install_script)."""
import compileall
import os
import sys

target = sys.argv[1]
destdir = os.environ.get("DESTDIR", "")
# DESTDIR prefixes the absolute install path (a relative DESTDIR is taken
# from the build directory, as meson takes it)
where = os.path.join(destdir, os.path.relpath(target, os.sep)) if destdir else target
# beside the sources, where every user's import looks, whatever PYTHONPYCACHEPREFIX
# the installing shell has
sys.pycache_prefix = None
if not compileall.compile_dir(where, quiet=1, ddir=target, force=True):
    sys.exit(1)
