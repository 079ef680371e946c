#!/bin/sh
# Rebuilds corpus/default.ldf from ../shared/corpus and corpus/XX.ldf from
# ../shared/corpus-i18n (see corpus/README.md).
# Usage: corpus/build.sh [BUILD_DIR]   (run from the repository root; default build dir: build)
set -eu
build=${1:-build}
ninja -C "$build" src/lede
"$build/src/lede" corpus build -o corpus/default.ldf \
	../shared/corpus/reuters21578.jsonl.gz \
	../shared/corpus/reuters50x50.jsonl.gz \
	../shared/corpus/bbc2225.jsonl.gz
# One model per language from ../shared/corpus-i18n (corpus/README.md).
for l in fr de pt id ar ja; do
	"$build/src/lede" corpus build --lang "$l" -o "corpus/$l.ldf" "../shared/corpus-i18n/$l.jsonl.gz"
done
# The models are compiled into the library: rebuild so the new ones are used.
ninja -C "$build"
