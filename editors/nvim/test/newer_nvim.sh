#!/usr/bin/env bash
# Usage: newer_nvim.sh 0.10|0.12 CACHE_DIR -> prints the path of a runnable nvim of that version.
# Debian 12 cannot install them (they need a newer glibc), so their Debian packages and libraries are
# downloaded with a private apt configuration (trixie/sid lists in CACHE_DIR, the system's apt untouched),
# unpacked, and the binary is pointed at the unpacked loader and libraries. Reuses what CACHE_DIR holds.
set -eu
version=$1
cache=$2
case "$version" in
  0.10) release=trixie; packages="neovim neovim-runtime libc6 libgcc-s1 libluajit-5.1-2 lua-luv lua-lpeg libuv1t64
          libunibilium4 libtree-sitter0.22 libvterm0 libmsgpack-c2" ;;
  0.12) release=sid; packages="neovim neovim-runtime libc6 libgcc-s1 libluajit-5.1-2 lua-luv lua-lpeg libuv1t64
          libunibilium4 libtree-sitter0.26 libutf8proc3" ;;
  *) echo "unknown version $version" >&2; exit 2 ;;
esac
dir="$cache/$version"
if [ -x "$dir/nvim" ] && "$dir/nvim" --version 2>/dev/null | head -n 1 | grep -q "v$version"; then
  echo "$dir/nvim"; exit 0
fi
mkdir -p "$cache/apt/lists/partial" "$cache/apt/cache/archives/partial" "$dir/debs"
printf 'deb http://deb.debian.org/debian trixie main\ndeb http://deb.debian.org/debian sid main\n' > "$cache/apt/sources.list"
apt_opts=(-o Dir::Etc::sourcelist="$cache/apt/sources.list" -o Dir::Etc::sourceparts=/nonexistent
  -o Dir::State::Lists="$cache/apt/lists" -o Dir::Cache="$cache/apt/cache" -o APT::Sandbox::User=root)
if ! ls "$cache/apt/lists/"*sid*Packages* >/dev/null 2>&1; then
  apt-get "${apt_opts[@]}" update >&2
fi
(cd "$dir/debs" && rm -f ./*.deb && apt-get "${apt_opts[@]}" download $(for p in $packages; do echo "$p/$release"; done) >&2)
rm -rf "$dir/root" && mkdir -p "$dir/root"
for deb in "$dir/debs/"*.deb; do dpkg-deb -x "$deb" "$dir/root"; done
lib="$dir/root/usr/lib/x86_64-linux-gnu"
cp "$dir/root/usr/bin/nvim" "$dir/nvim.bin"
patchelf --set-interpreter "$lib/ld-linux-x86-64.so.2" --force-rpath --set-rpath "$lib" "$dir/nvim.bin"
cat > "$dir/nvim" <<WRAPPER
#!/bin/sh
export VIMRUNTIME="$dir/root/usr/share/nvim/runtime"
export LUA_CPATH="$lib/lua/5.1/?.so;;"
exec "$dir/nvim.bin" "\$@"
WRAPPER
chmod +x "$dir/nvim"
"$dir/nvim" --version | head -n 1 | grep -q "v$version"
echo "$dir/nvim"
