"""`import lede` after `meson install`: the build is installed into a
temporary DESTDIR, and a python3 without LEDE_LIBRARY or LEDE_CDATA imports
the installed module, which must use its installed _cdata.py and find the
installed library.

Usage: test_install.py MESON BUILD_DIR PURELIB_DIR LIB_DIR (tests/meson.build)."""
import os
import shutil
import subprocess
import sys
import tempfile

meson, build, purelib, libdir = sys.argv[1:5]
dest = tempfile.mkdtemp(prefix="lede-install-")
try:
    subprocess.run([meson, "install", "-C", build, "--destdir", dest, "--no-rebuild",
                    "--quiet"], check=True, capture_output=True)
    env = {k: v for k, v in os.environ.items()
           if k not in ("LEDE_LIBRARY", "LEDE_CDATA", "PYTHONPATH", "LD_LIBRARY_PATH",
                        "PYTHONPYCACHEPREFIX")}
    # the .pyc files must be meson install's (compile-installed.py), not this import's
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONPATH"] = dest + purelib
    # the library is where meson put it, under DESTDIR: the dynamic linker's path
    env["LD_LIBRARY_PATH"] = dest + libdir
    code = ("import lede, lede._ffi as f, lede.dask\n"
            "assert lede.__file__.startswith(%r), lede.__file__\n"
            "assert f.CDATA == 'installed', f.CDATA\n"
            "import importlib.util as u, os\n"
            "for m in (lede, f):\n"
            "    assert os.path.exists(u.cache_from_source(m.__file__)), m.__file__\n"
            "s = lede.summarize('The council approved the plan on Monday. It was late.')\n"
            "print(s.sentences[0].text)\n" % dest)
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                       cwd=dest)
    if r.returncode != 0 or r.stdout.strip() != "The council approved the plan on Monday.":
        print("import after install failed:\n" + r.stdout + r.stderr)
        sys.exit(1)
    print("ok: import lede from %s" % (dest + purelib))
finally:
    shutil.rmtree(dest, ignore_errors=True)
