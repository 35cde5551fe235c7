#!/usr/bin/env bash
# Build the release archive of nianbao for one target.
# 构建 nianbao 的发行包。
#
# Usage / 用法:
#   scripts/dist.sh                       # host target / 本机平台
#   scripts/dist.sh --target TRIPLE       # e.g. x86_64-win7-windows-gnu, x86_64-unknown-linux-musl,
#                                         #      aarch64-unknown-linux-gnu (see docs/release.md)
#   scripts/dist.sh --no-build            # package the binary already in target/ (no cargo run)
#   scripts/dist.sh --allow-dirty         # package although the work tree has uncommitted changes
#   scripts/dist.sh --server [--target T] # the county server's download: built with the cargo
#                                         # feature `postgres` (the PostgreSQL store, tokio),
#                                         # written as nianbao-server-VERSION-TARGET.*
#   scripts/dist.sh --bin FILE --out DIR  # package FILE as the binary, write to DIR (used by the tests)
#
# Toolchain: rustup's cargo when the target's standard library is installed
# (or the target is the host); otherwise Debian's rustc-web/cargo-web with
# rust-web-src, which build the standard library from source
# (-Z build-std, RUSTC_BOOTSTRAP=1), linked by gcc-mingw-w64-x86-64
# (Windows), musl-tools (x86-64 musl) or gcc-aarch64-linux-gnu (ARM64,
# glibc linked statically). NIANBAO_DIST_RUSTC / NIANBAO_DIST_CARGO name
# another such toolchain.
#
# Writes (to dist/, or the folder given with --out), and touches nothing else
# outside a temporary directory:
#   dist/nianbao-VERSION-TARGET.tar.gz    (.zip for *-windows-* targets): the clerk's download,
#                                         built without the `postgres` feature (no database
#                                         client, no tokio; issue 76)
#   dist/nianbao-server-VERSION-TARGET.*  with --server instead: the same program with the
#                                         PostgreSQL store, for a county's IT staff
#   dist/nianbao-VERSION-src.tar.gz       the corresponding source (git archive of HEAD,
#                                         including fonts/ and fonts/build-fonts.sh)
#   dist/SHA256SUMS                       checksums of every archive in dist/
#
# The archive holds the binary (fonts compiled in), README.md, README.en.md,
# LICENSE-MIT, LICENSE-APACHE, THIRD-PARTY-LICENSES.txt (the crates compiled
# in), fonts/ licences and fonts/README.md, docs/,
# examples/, SOURCE.txt (commit, target, toolchain, where the source is) and
# SHA256SUMS of its own files.
#
# Deterministic: entries sorted by name, every mtime = SOURCE_DATE_EPOCH (or
# the commit time of HEAD), owner and group 0, fixed modes, gzip without name
# or time. The same binary therefore gives the same archive byte for byte.
# The binary records the commit (nianbao --version) and is built with
# --remap-path-prefix for the checkout, cargo's home and the target folder,
# so no path of the build machine ends up in it; the same commit, toolchain
# and dependency sources give the same binary (docs/release.md).
#
# Needs: cargo (unless --no-build), git, GNU tar (or gtar), gzip, sha256sum
# (or shasum), zip for windows targets. No network: cargo runs with --locked
# and --offline when the dependencies are already downloaded
# (set NIANBAO_DIST_ONLINE=1 to let cargo fetch them); listing the crates'
# licences fetches the packages not downloaded yet (`cargo tree`).
set -eu
export LC_ALL=C
umask 022

die() { printf 'dist.sh：%s\n' "$*" >&2; exit 2; }
say() { printf 'dist.sh：%s\n' "$*" >&2; }

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

TARGET=""
TARGET_GIVEN=0
BUILD=1
ALLOW_DIRTY=0
SERVER=0
BIN_GIVEN=""
OUTDIR=dist
while [ $# -gt 0 ]; do
  case "$1" in
    --target) [ $# -ge 2 ] || die "--target 后面要写目标平台，如 x86_64-unknown-linux-gnu"
              TARGET="$2"; TARGET_GIVEN=1; shift 2 ;;
    --target=*) TARGET="${1#--target=}"; TARGET_GIVEN=1; shift ;;
    --no-build) BUILD=0; shift ;;
    --bin) [ $# -ge 2 ] || die "--bin 后面要写程序文件"
           BIN_GIVEN="$2"; BUILD=0; shift 2 ;;
    --out) [ $# -ge 2 ] || die "--out 后面要写输出目录"
           OUTDIR="$2"; shift 2 ;;
    --allow-dirty) ALLOW_DIRTY=1; shift ;;
    --server) SERVER=1; shift ;;
    -h|--help) sed -n '2,/^set -eu$/{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;;
    *) die "不认识的参数：$1（用法见 scripts/dist.sh --help）" ;;
  esac
done

# --- tools --------------------------------------------------------------
if tar --version 2>/dev/null | grep -q 'GNU tar'; then TAR=tar
elif command -v gtar >/dev/null 2>&1; then TAR=gtar
else die "需要 GNU tar（macOS 上可安装 gnu-tar，命令名 gtar）"; fi
if command -v sha256sum >/dev/null 2>&1; then SHA="sha256sum"
elif command -v shasum >/dev/null 2>&1; then SHA="shasum -a 256"
else die "需要 sha256sum 或 shasum"; fi
command -v gzip >/dev/null 2>&1 || die "需要 gzip"
command -v git >/dev/null 2>&1 || die "需要 git（用于记录提交号和生成源代码包）"
git rev-parse --is-inside-work-tree >/dev/null 2>&1 || die "$ROOT 不是 git 工作区"

VERSION="$(sed -n 's/^version *= *"\([^"]*\)".*/\1/p' Cargo.toml | head -n 1)"
[ -n "$VERSION" ] || die "无法从 Cargo.toml 读出版本号"
HOST="$(rustc -vV 2>/dev/null | sed -n 's/^host: //p')" || HOST=""
if [ -z "$TARGET" ]; then
  [ -n "$HOST" ] || die "找不到 rustc，无法确定本机平台；请用 --target 指定"
  TARGET="$HOST"
fi
case "$TARGET" in
  *[!A-Za-z0-9_.-]*|"") die "目标平台名称不正确：$TARGET" ;;
esac
case "$TARGET" in
  *-windows-*) EXE=".exe"; KIND=zip ;;
  *) EXE=""; KIND=tar.gz ;;
esac
if [ "$KIND" = zip ]; then command -v zip >/dev/null 2>&1 || die "Windows 发行包需要 zip"; fi

COMMIT="$(git rev-parse HEAD)"
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  if [ "$ALLOW_DIRTY" = 1 ]; then
    say "警告：工作区有未提交的修改，发行包中的程序与源代码包（HEAD）不一致"
    DIRTY=" (+ uncommitted changes / 含未提交的修改)"
  else
    die "工作区有未提交的修改：源代码包取自 HEAD，与程序不一致。请先提交，或加 --allow-dirty"
  fi
else
  DIRTY=""
fi
EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct HEAD)}"
case "$EPOCH" in *[!0-9]*|"") die "SOURCE_DATE_EPOCH 应为整数秒：$EPOCH" ;; esac

# The clerk's archive has no PostgreSQL client (the default features); the
# server's (--server) is built with it. Both the build and the licence list
# below use these words.
FEATURES=""
PRODUCT=nianbao
if [ "$SERVER" = 1 ]; then
  FEATURES="--features postgres"
  PRODUCT=nianbao-server
fi

# --- build --------------------------------------------------------------
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
# The `dist` profile (Cargo.toml: release with fat LTO and no symbols).
# Without --target cargo builds for the host into target/dist.
if [ "$TARGET_GIVEN" = 0 ]; then
  BIN="$TARGET_DIR/dist/nianbao$EXE"
  TARGET_ARGS=""
else
  BIN="$TARGET_DIR/$TARGET/dist/nianbao$EXE"
  TARGET_ARGS="--target $TARGET"
fi

# Which toolchain builds TARGET: rustup's when its standard library is
# there, else Debian's with the standard library built from source.
CARGO=cargo
RUSTC_USED=rustc
BUILD_STD=""
if [ "$BUILD" = 1 ] && [ "$TARGET_GIVEN" = 1 ] && [ "$TARGET" != "$HOST" ] \
    && ! { command -v rustup >/dev/null 2>&1 \
           && rustup target list --installed 2>/dev/null | grep -qx "$TARGET"; }; then
  deb_file() { dpkg -L "$1" 2>/dev/null | grep -m1 "$2" || true; }
  RUSTC_USED="${NIANBAO_DIST_RUSTC:-$(deb_file rustc-web '/bin/rustc$')}"
  CARGO="${NIANBAO_DIST_CARGO:-$(deb_file cargo-web '/bin/cargo$')}"
  if [ -z "$RUSTC_USED" ] || [ -z "$CARGO" ]; then
    die "本机没有 $TARGET 的标准库，也没有可从源代码构建标准库的工具链：请 apt-get install rustc-web cargo-web rust-web-src（见 docs/release.md）"
  fi
  [ -d "$("$RUSTC_USED" --print sysroot)/lib/rustlib/src/rust/library" ] \
    || die "缺少标准库源代码：请 apt-get install rust-web-src"
  BUILD_STD="-Z build-std=std,panic_abort"
  export RUSTC="$RUSTC_USED" RUSTC_BOOTSTRAP=1
  # Cargo runs `rustc` for build scripts too: the same compiler first on PATH.
  PATH="$(dirname "$CARGO"):$PATH"
fi

# Per target: the linker, and what the target needs besides.
EXTRA_FLAGS=""
need_tool() { command -v "$1" >/dev/null 2>&1 || die "构建 $TARGET 需要 $1（apt-get install $2）"; }
case "$TARGET" in
  x86_64-*windows-gnu)
    need_tool x86_64-w64-mingw32-gcc gcc-mingw-w64-x86-64
    LINKER=x86_64-w64-mingw32-gcc ;;
  x86_64-unknown-linux-musl)
    # musl-gcc links musl's own libc.a and start files: a static binary.
    # +crt-static explicitly: Debian's rustc makes its musl targets link
    # dynamically by default (the binary then asks for
    # /lib/ld-musl-x86_64.so.1, which no glibc desktop has).
    need_tool musl-gcc musl-tools
    LINKER=musl-gcc; EXTRA_FLAGS="-C link-self-contained=no -C target-feature=+crt-static"
    MUSL_UNWIND=1 ;;
  aarch64-unknown-linux-gnu)
    # glibc linked statically: nothing is asked of the machine's glibc,
    # which on 信创 desktops is often 2.28 (Debian 12 cross-links 2.36).
    need_tool aarch64-linux-gnu-gcc gcc-aarch64-linux-gnu
    LINKER=aarch64-linux-gnu-gcc; EXTRA_FLAGS="-C target-feature=+crt-static" ;;
  x86_64-unknown-linux-gnu)
    # The clerk's archive links glibc statically too: nothing asked of the
    # machine's glibc, and each command starts sooner (no loader, no shared
    # library to map and bind: a build of the benchmark report 13 % faster,
    # docs/benchmark.md). It is also linked at a fixed address (not a PIE,
    # as the musl archive and Go's programs are): no 22,000 relocations to
    # apply and no relocated pages to copy at each start (build A/B 0.90,
    # check 0.79). The server's stays dynamic and a PIE: its PostgreSQL
    # client resolves host names, which static glibc (NSS) cannot promise.
    LINKER=""
    [ "$SERVER" = 1 ] || EXTRA_FLAGS="-C target-feature=+crt-static -C relocation-model=static" ;;
  *) LINKER="" ;;
esac
# Flags for the target alone need --target even for the host, so that build
# scripts and procedural macros are built as usual (a static one cannot be).
if [ -n "$EXTRA_FLAGS" ] && [ "$TARGET_GIVEN" = 0 ]; then
  BIN="$TARGET_DIR/$TARGET/dist/nianbao$EXE"
  TARGET_ARGS="--target $TARGET"
fi
# std for musl links libunwind.a statically, which rustup ships beside its
# musl std and Debian's rustc does not. LLVM's (libunwind-14-dev) is built
# against glibc and calls __fprintf_chk (fortified fprintf), which musl
# lacks: a copy with that one function added, found through a linker
# wrapper adding its folder (musl-gcc ignores LIBRARY_PATH; a -L in the
# compiler flags would change them, and with them cargo's whole cache).
if [ -n "${MUSL_UNWIND:-}" ] && [ -n "$BUILD_STD" ]; then
  LLVM_UNWIND="$(dpkg -L libunwind-14-dev 2>/dev/null | grep -m1 '/llvm-14/lib/libunwind.a$' || true)"
  [ -f "$LLVM_UNWIND" ] || die "构建 $TARGET 需要 LLVM 的 libunwind.a（apt-get install libunwind-14-dev）"
  UNWIND_DIR="$TARGET_DIR/musl-unwind"
  mkdir -p "$UNWIND_DIR"
  printf '%s\n' '#include <stdarg.h>' '#include <stdio.h>' \
    'int __fprintf_chk(FILE *f, int flag, const char *fmt, ...) {' \
    '  va_list ap; int n; (void)flag; va_start(ap, fmt); n = vfprintf(f, fmt, ap); va_end(ap); return n; }' \
    > "$UNWIND_DIR/fortify.c"
  musl-gcc -O2 -c -o "$UNWIND_DIR/fortify.o" "$UNWIND_DIR/fortify.c" || die "无法编译 fortify.c"
  cp "$LLVM_UNWIND" "$UNWIND_DIR/libunwind.a"
  chmod u+w "$UNWIND_DIR/libunwind.a"
  ar rD "$UNWIND_DIR/libunwind.a" "$UNWIND_DIR/fortify.o" || die "无法生成 libunwind.a"
  # musl-gcc's specs have no static-pie: given -static-pie (what rustc asks
  # for with +crt-static) it links a PIE that still requests the loader
  # /lib/ld-musl-x86_64.so.1, which glibc desktops lack. The wrapper links
  # a plain static executable instead.
  printf '#!/bin/sh\nfor a do shift; case "$a" in -static-pie) set -- "$@" -static -no-pie ;; *) set -- "$@" "$a" ;; esac; done\nexec musl-gcc -L"%s" "$@"\n' "$(cd "$UNWIND_DIR" && pwd)" > "$UNWIND_DIR/musl-cc"
  chmod 755 "$UNWIND_DIR/musl-cc"
  LINKER="$UNWIND_DIR/musl-cc"
fi
if [ -n "$LINKER" ] && [ "$TARGET_GIVEN" = 1 ]; then
  VAR="CARGO_TARGET_$(printf '%s' "$TARGET" | tr 'a-z.-' 'A-Z__')_LINKER"
  export "$VAR=$LINKER"
fi

# No path of this machine in the binary (panic locations, debug strings):
# the checkout, cargo's home and the target folder get fixed names. One
# flag per \x1f-separated word, so paths with spaces stay whole.
CH="${CARGO_HOME:-$HOME/.cargo}"
US=$'\x1f'
mkdir -p "$TARGET_DIR"
TD_ABS="$(cd "$TARGET_DIR" && pwd)"
FLAGS="--remap-path-prefix=$ROOT=/nianbao$US--remap-path-prefix=$CH=/cargo$US--remap-path-prefix=$TD_ABS=/target"
for f in $EXTRA_FLAGS; do FLAGS="$FLAGS$US$f"; done

if [ -n "$BIN_GIVEN" ]; then
  BIN="$BIN_GIVEN"
elif [ "$BUILD" = 1 ]; then
  command -v "$CARGO" >/dev/null 2>&1 || die "找不到 cargo"
  OFFLINE="--offline"
  [ -n "${NIANBAO_DIST_ONLINE:-}" ] && OFFLINE=""
  say "构建 $PRODUCT $TARGET（dist：release 加全程序优化${FEATURES:+，含 PostgreSQL}；$("$RUSTC_USED" -V)${BUILD_STD:+，标准库从源代码构建}）……"
  # shellcheck disable=SC2086 # TARGET_ARGS, OFFLINE, BUILD_STD and FEATURES are lists of words
  CARGO_ENCODED_RUSTFLAGS="$FLAGS" NIANBAO_COMMIT="$COMMIT" \
    "$CARGO" build --profile dist --locked $OFFLINE $TARGET_ARGS $BUILD_STD $FEATURES --bin nianbao \
    || die "构建失败（$TARGET）"
fi
[ -f "$BIN" ] || die "没有找到程序 $BIN（先构建，或去掉 --no-build）"

# --- stage --------------------------------------------------------------
NAME="$PRODUCT-$VERSION-$TARGET"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/nianbao-dist.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT INT TERM
STAGE="$TMP/$NAME"
mkdir -p "$STAGE/fonts" "$STAGE/docs" "$STAGE/examples"

cp "$BIN" "$STAGE/nianbao$EXE"
for f in README.md README.en.md LICENSE-MIT LICENSE-APACHE; do
  [ -f "$f" ] || die "缺少 $f"
  cp "$f" "$STAGE/$f"
done
for f in README.md LICENSE-FandolFang.txt OFL-NotoCJK.txt OFL-WenKaiGB.txt; do
  [ -f "fonts/$f" ] || die "缺少 fonts/$f"
  cp "fonts/$f" "$STAGE/fonts/$f"
done
cp docs/*.md "$STAGE/docs/"
cp examples/README.md examples/*.yaml "$STAGE/examples/"

RUSTC_V="$("$RUSTC_USED" -V 2>/dev/null || echo unknown)${BUILD_STD:+ (-Z build-std)}"
cat > "$STAGE/SOURCE.txt" <<EOF
$PRODUCT $VERSION ($TARGET)${FEATURES:+ — 含 PostgreSQL 数据库支持 / with the PostgreSQL store (cargo feature postgres)}

提交 / commit:   $COMMIT$DIRTY
工具链 / rustc:  $RUSTC_V
许可 / license:  MIT OR Apache-2.0（程序代码 / the program's code: LICENSE-MIT, LICENSE-APACHE）

程序中编入了四种字体（子集），各按其许可证发布，许可证全文在 fonts/ 中：
The program has four font subsets compiled in, each under its own license (full texts in fonts/):
  NotoSerifSC-Bold-subset.otf    标题 title     SIL OFL 1.1            fonts/OFL-NotoCJK.txt
  FandolFang-Regular-subset.otf  正文 body      GPL v3 + 字体例外 / font exception   fonts/LICENSE-FandolFang.txt
  NotoSansSC-Regular-subset.otf  黑体           SIL OFL 1.1            fonts/OFL-NotoCJK.txt
  WenKaiGB-Regular-subset.ttf    楷体           SIL OFL 1.1            fonts/OFL-WenKaiGB.txt
字体例外条款：用这些字体生成的 PDF 不因嵌入字体而受 GPL 约束。
The font exception: PDFs that embed these fonts are not covered by the GPL because of it.

对应的源代码 / Corresponding source:
  nianbao-$VERSION-src.tar.gz（与本发行包一同发布 / published next to this archive）：
  本程序在提交 $COMMIT 的全部源代码，包括 fonts/ 中的四个字体文件和生成它们的
  fonts/build-fonts.sh（从 Debian 软件包中未经修改的原字体子集化，软件包版本见 fonts/README.md）。
  The whole source of this program at that commit, including the four font files in fonts/ and
  fonts/build-fonts.sh, which makes them from the unmodified original fonts of the Debian packages
  named in fonts/README.md. FandolFang's original: CTAN https://www.ctan.org/pkg/fandol,
  Debian source package texlive-lang 2022.20230122-1.

运行 nianbao --version 也会列出这些许可。 / nianbao --version lists them too.
EOF

# Notices of the Rust crates compiled into the binary (their MIT, BSD, ISC…
# licences ask for their copyright notices to travel with binaries): the
# licence files of every crate `cargo tree` lists for this target, from the
# local cargo registry; an identical text is printed once.
command -v "$CARGO" >/dev/null 2>&1 || die "找不到 cargo（用于列出依赖库及其许可证）"
REG="${CARGO_HOME:-$HOME/.cargo}/registry/src"
# shellcheck disable=SC2086 # FEATURES is a list of words
tree() {
  "$CARGO" tree "$@" --locked -e normal --target "$TARGET" $FEATURES --prefix none -f '{p}	{l}' \
    > "$TMP/tree.txt" 2> "$TMP/tree.err"
}
# Offline first; a crate not downloaded yet (the server's PostgreSQL client
# on a fresh machine) is fetched from the registry, as a build would.
tree --offline || tree \
  || die "cargo tree 失败，无法列出依赖库的许可证：$(head -n 3 "$TMP/tree.err")"
sed 's/ (\*)$//' "$TMP/tree.txt" | sort -u > "$TMP/crates.txt"
THIRD="$STAGE/THIRD-PARTY-LICENSES.txt"
{
  echo "nianbao $VERSION ($TARGET)：编入程序的 Rust 依赖库及其许可证"
  echo "Rust crates compiled into this binary, and their licence texts (from the crate packages)."
  echo "字体的许可证见 fonts/ / Font licences: see fonts/."
  echo
  while IFS='	' read -r pkg lic; do
    name="${pkg%% *}"; rest="${pkg#* }"; ver="${rest%% *}"; ver="${ver#v}"
    [ "$name" = nianbao ] && continue
    printf '%s %s\t%s\n' "$name" "$ver" "$lic"
  done < "$TMP/crates.txt"
  : > "$TMP/seen"
  while IFS='	' read -r pkg lic; do
    name="${pkg%% *}"; rest="${pkg#* }"; ver="${rest%% *}"; ver="${ver#v}"
    [ "$name" = nianbao ] && continue
    echo
    echo "======================================================================"
    echo "$name $ver — $lic"
    echo "======================================================================"
    found=0
    for dir in "$REG"/*/"$name-$ver"; do
      [ -d "$dir" ] || continue
      for f in $(cd "$dir" && find . -maxdepth 1 -type f \( -iname 'LICEN[CS]E*' -o -iname 'COPYING*' \
                  -o -iname 'NOTICE*' -o -iname 'UNLICENSE*' -o -iname 'COPYRIGHT*' \) | sed 's|^\./||' | sort); do
        found=1
        sum="$($SHA "$dir/$f" | cut -d' ' -f1)"
        first="$(sed -n "s/^$sum //p" "$TMP/seen" | head -n 1)"
        if [ -n "$first" ]; then
          echo "--- $f：与 $first 相同 / same text as $first"
        else
          echo "$sum $name $ver $f" >> "$TMP/seen"
          echo "--- $f"
          cat "$dir/$f"
          echo
        fi
      done
      break
    done
    if [ "$found" = 0 ]; then
      echo "（软件包中没有单独的许可证文件 / no licence file in the package: $lic）"
    fi
  done < "$TMP/crates.txt"
} > "$THIRD"

# Fixed modes: 755 for the binary and folders, 644 for everything else.
find "$STAGE" -type d -exec chmod 755 {} +
find "$STAGE" -type f -exec chmod 644 {} +
chmod 755 "$STAGE/nianbao$EXE"

(cd "$STAGE" && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | sort \
  | while IFS= read -r f; do $SHA "$f"; done > SHA256SUMS)
chmod 644 "$STAGE/SHA256SUMS"

# --- archive ------------------------------------------------------------
mkdir -p "$OUTDIR"
OUTDIR="$(cd "$OUTDIR" && pwd)"
case "$KIND" in
  tar.gz)
    OUT="$OUTDIR/$NAME.tar.gz"
    "$TAR" -C "$TMP" --sort=name --mtime="@$EPOCH" --owner=0 --group=0 --numeric-owner \
      --format=gnu -cf - "$NAME" | gzip -n -9 > "$TMP/out.tar.gz"
    mv -f "$TMP/out.tar.gz" "$OUT"
    ;;
  zip)
    OUT="$OUTDIR/$NAME.zip"
    find "$STAGE" -exec touch -h -d "@$EPOCH" {} +
    (cd "$TMP" && find "$NAME" | sort | TZ=UTC zip -X -q -9 "$TMP/out.zip" -@)
    mv -f "$TMP/out.zip" "$OUT"
    ;;
esac
say "写出 $OUT"

# The corresponding source: git archive of HEAD (mtime = commit time).
SRC="$OUTDIR/nianbao-$VERSION-src.tar.gz"
git archive --format=tar --prefix="nianbao-$VERSION/" HEAD | gzip -n -9 > "$TMP/src.tar.gz"
mv -f "$TMP/src.tar.gz" "$SRC"
say "写出 $SRC"

(cd "$OUTDIR" && for f in *.tar.gz *.zip; do
  if [ -f "$f" ]; then $SHA "$f"; fi
done) > "$TMP/SUMS"
mv -f "$TMP/SUMS" "$OUTDIR/SHA256SUMS"
say "写出 $OUTDIR/SHA256SUMS"
