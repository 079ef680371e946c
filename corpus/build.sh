#!/bin/sh
# Rebuilds corpus/default.ldf from ../shared/corpus (see corpus/README.md).
# Usage: corpus/build.sh [BUILD_DIR]   (run from the repository root; default build dir: build)
set -eu
build=${1:-build}
ninja -C "$build" src/lede
"$build/src/lede" corpus build -o corpus/default.ldf \
	../shared/corpus/reuters21578.jsonl.gz \
	../shared/corpus/reuters50x50.jsonl.gz \
	../shared/corpus/bbc2225.jsonl.gz
# The model is compiled into the library: rebuild so the new one is used.
ninja -C "$build"
