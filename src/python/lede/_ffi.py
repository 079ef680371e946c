"""The loaded libraries: liblede and GLib, through cffi's ABI mode (nothing
compiled), with the declarations of lede._cdef.
"""
import os


def _parsed():
    import cffi
    from ._cdef import CDEF
    f = cffi.FFI()
    f.cdef(CDEF)
    return f


def _load_ffi():
    # The declarations parsed at build time: installed beside this file, or
    # in the build tree (LEDE_CDATA, the test suite's). A file cffi of
    # another version made, or none, and they are parsed here.
    try:
        from ._cdata import ffi as made
        return made, "installed"
    except Exception:
        pass
    path = os.environ.get("LEDE_CDATA")
    if path and os.path.basename(path) == "_cdata.py":
        # its folder joins the package's path: imported as lede._cdata, as
        # installed (and its .pyc cached), without importlib.util (0.005 s)
        import sys
        pkg = sys.modules[__package__]
        where = os.path.dirname(os.path.abspath(path))
        if where not in pkg.__path__:
            pkg.__path__.append(where)
        try:
            from ._cdata import ffi as made
            if os.path.samefile(sys.modules[__package__ + "._cdata"].__file__, path):
                return made, path
        except Exception:
            pass
    if path:
        try:
            import importlib.util
            spec = importlib.util.spec_from_file_location("lede._cdata", path)
            mod = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
            return mod.ffi, path
        except Exception:
            pass
    return _parsed(), None


ffi, CDATA = _load_ffi()

# The struct version this module was written for (LEDE_OPTIONS_VERSION).
OPTIONS_VERSION = 1
# The major version of the C API these declarations follow.
API_MAJOR = 0


def _library_path():
    # LEDE_LIBRARY: the build tree's library for the test suite, or any
    # other; then the one meson installed beside this module; then the
    # dynamic linker's search.
    env = os.environ.get("LEDE_LIBRARY")
    if env:
        return env
    try:
        from . import _paths
        installed = os.path.join(_paths.LIBDIR, "liblede.so.0")
        if os.path.exists(installed):
            return installed
    except ImportError:
        pass
    import ctypes.util  # runs a program: only when nothing else found it
    return ctypes.util.find_library("lede") or "liblede.so.0"


LIBRARY_PATH = _library_path()
lib = ffi.dlopen(LIBRARY_PATH)
# g_free and g_error_free from the GLib liblede itself links.
# (liblede has loaded it: this finds that copy, without ctypes.util's
# search, which runs a program.)
glib = ffi.dlopen("libglib-2.0.so.0")
