#!/usr/bin/env bash
# Smoke suite of a release binary for another target, run for real: Windows
# under Wine, ARM64 under qemu-aarch64-static, x86-64 musl directly.
# 发行版程序的冒烟测试：在 Wine / qemu 中运行目标平台的真实程序。
#
# Usage / 用法:
#   scripts/smoke.sh --target TRIPLE [--bin FILE] [--native FILE]
#
#   --bin FILE     the binary to test (default: $CARGO_TARGET_DIR or target/,
#                  then TRIPLE/dist/nianbao[.exe], as scripts/dist.sh builds it)
#   --native FILE  the host's nianbao, whose outputs the target's must equal
#                  byte for byte (default: target/release/nianbao, else target/debug/nianbao)
#
# What it runs: --version (names the target), check, build of every format
# (md, html, pdf, docx: byte-identical to the native build's), import of the
# .docx and the PDF it wrote (each checks clean), new --from, check of a
# folder, preview serving its page over loopback (fetched with curl), a GBK
# data file with CRLF line ends (as Notepad saves it) and 2025.yaml.txt.
# On Windows also: a Chinese path with a space given with backslashes, a file
# held open without sharing (as Word/WPS do) read and written, a start with
# no arguments and a console of its own (a double-click), output redirected
# to a file by cmd.exe (UTF-8 without BOM).
#
# Needs: curl, and for Windows wine64 (Debian: wine64) and
# x86_64-w64-mingw32-gcc (to build the small program that holds a file
# open); for ARM64 qemu-aarch64-static (Debian: qemu-user-static).
# Kept out of `cargo test`; `.ci/run` runs it when NIANBAO_SMOKE=1.
set -u
export LC_ALL=C.UTF-8

die() { printf 'smoke.sh：%s\n' "$*" >&2; exit 2; }
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

TARGET="" BIN="" NATIVE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --target) [ $# -ge 2 ] || die "--target 后面要写目标平台"; TARGET="$2"; shift 2 ;;
    --bin) [ $# -ge 2 ] || die "--bin 后面要写程序文件"; BIN="$2"; shift 2 ;;
    --native) [ $# -ge 2 ] || die "--native 后面要写本机程序"; NATIVE="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -u$/{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;;
    *) die "不认识的参数：$1（用法见 scripts/smoke.sh --help）" ;;
  esac
done
[ -n "$TARGET" ] || die "请用 --target 指定目标平台"
TD="${CARGO_TARGET_DIR:-$ROOT/target}"
case "$TARGET" in *-windows-*) EXE=.exe ;; *) EXE="" ;; esac
BIN="${BIN:-$TD/$TARGET/dist/nianbao$EXE}"
if [ -z "$NATIVE" ]; then
  NATIVE="$TD/release/nianbao"
  [ -x "$NATIVE" ] || NATIVE="$TD/debug/nianbao"
fi
[ -f "$BIN" ] || die "没有找到 $BIN（先运行 scripts/dist.sh --target $TARGET）"
[ -x "$NATIVE" ] || die "没有找到本机程序 $NATIVE（先 cargo build --release，或用 --native）"
command -v curl >/dev/null 2>&1 || die "需要 curl"
# Absolute: the suite runs in a folder of its own.
BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
NATIVE="$(cd "$(dirname "$NATIVE")" && pwd)/$(basename "$NATIVE")"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/nianbao-smoke.XXXXXX")"
cleanup() {
  [ -n "${PREVIEW_PID:-}" ] && kill "$PREVIEW_PID" 2>/dev/null
  [ -n "${HOLDER_PID:-}" ] && kill "$HOLDER_PID" 2>/dev/null
  [ -n "${WINESERVER:-}" ] && WINEPREFIX="$WINEPREFIX" "$WINESERVER" -k 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# --- how to run the target's binary ------------------------------------
case "$TARGET" in
  *-windows-*)
    WINE64="$(command -v wine64 || dpkg -L wine64 2>/dev/null | grep -m1 '/wine64$')"
    [ -x "$WINE64" ] || die "需要 wine64（apt-get install wine64）"
    WINESERVER="$(dirname "$WINE64")/wineserver"
    [ -x "$WINESERVER" ] || WINESERVER="$(command -v wineserver || dpkg -L wine64 | grep -m1 '/wineserver$')"
    export WINEDEBUG=-all WINEARCH=win64 WINEPREFIX="$WORK/wine" WINEDLLOVERRIDES="mscoree,mshtml="
    mkdir -p "$WINEPREFIX"
    t0=$(date +%s)
    "$WINE64" wineboot -i >/dev/null 2>&1
    printf 'smoke.sh：Wine 前缀已建立（%s 秒）\n' $(( $(date +%s) - t0 ))
    run() { "$WINE64" "$BIN" "$@"; }
    # A Unix path as Windows sees it (Wine maps / to Z:).
    winpath() { printf 'Z:%s' "$1" | tr / '\\'; } ;;
  aarch64-*)
    QEMU="$(command -v qemu-aarch64-static || true)"
    [ -n "$QEMU" ] || die "需要 qemu-aarch64-static（apt-get install qemu-user-static）"
    run() { "$QEMU" "$BIN" "$@"; } ;;
  *) run() { "$BIN" "$@"; } ;;
esac

PASS=0 FAIL=0
ok() { PASS=$((PASS + 1)); printf '  通过  %s\n' "$1"; }
bad() { FAIL=$((FAIL + 1)); printf '  失败  %s\n' "$1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | head -n 20 | sed 's/^/        /'; }
# expect NAME CODE CMD...: the command exits with CODE.
expect() {
  local name="$1" code="$2"; shift 2
  local out rc
  out="$("$@" 2>&1)"; rc=$?
  LAST="$out"
  if [ "$rc" = "$code" ]; then ok "$name"; else bad "$name（退出码 $rc，应为 $code）" "$out"; fi
}
# has NAME NEEDLE: the last output holds NEEDLE.
has() { if printf '%s' "$LAST" | grep -qF -- "$2"; then ok "$1"; else bad "$1（输出中没有“$2”）" "$LAST"; fi; }
same() { if cmp -s "$2" "$3"; then ok "$1"; else bad "$1（$2 与 $3 不同）"; fi; }

EX="$WORK/数据"
mkdir -p "$EX"
cp examples/*.yaml "$EX/"
REPORT="$EX/zibo-zhangdian-traffic-2024.yaml"
AGENCY="$(sed -n 's/^机关: *//p' "$REPORT" | head -n 1)"
cd "$WORK"
START=$(date +%s)
printf 'smoke.sh：%s（%s）\n' "$TARGET" "$BIN"

# --- the commands -------------------------------------------------------
expect "--version" 0 run --version
has "--version 写出目标平台" "$TARGET"
# A Linux build must run on any distribution: no program interpreter
# (dynamic loader) and no shared library asked of the machine.
case "$TARGET" in
  *-linux-*)
    if ! command -v readelf >/dev/null 2>&1; then
      bad "静态链接（需要 readelf：apt-get install binutils）"
    elif readelf -lW "$BIN" | grep -q 'program interpreter'; then
      bad "静态链接（程序需要 $(readelf -lW "$BIN" | sed -n 's/.*program interpreter: \(.*\)]/\1/p')）"
    elif readelf -dW "$BIN" | grep -q '(NEEDED)'; then
      bad "静态链接（程序需要共享库）" "$(readelf -dW "$BIN" | grep '(NEEDED)')"
    else
      ok "静态链接，不依赖本机的 C 库"
    fi ;;
esac
expect "check 示例" 0 run check "$REPORT"
"$NATIVE" build "$REPORT" -o native --format md,html,pdf,docx >/dev/null 2>&1 \
  || die "本机程序无法生成参照文件"
T=$(date +%s)
expect "build md,html,pdf,docx" 0 run build "$REPORT" -o out --format md,html,pdf,docx
printf '        （%s 秒）\n' $(( $(date +%s) - T ))
for ext in pdf md html docx; do
  same "$ext 与本机程序的逐字节相同" "out/zibo-zhangdian-traffic-2024.$ext" "native/zibo-zhangdian-traffic-2024.$ext"
done
expect "import .docx" 0 run import out/zibo-zhangdian-traffic-2024.docx -o from-docx.yaml
expect "check 导入的 .docx 数据" 0 run check from-docx.yaml
expect "import PDF" 0 run import out/zibo-zhangdian-traffic-2024.pdf -o from-pdf.yaml
expect "check 导入的 PDF 数据" 0 run check from-pdf.yaml
expect "new --from" 0 run new --from "$REPORT" -o next.yaml
"$NATIVE" new --from "$REPORT" -o native-next.yaml >/dev/null 2>&1
same "new --from 与本机程序的相同" next.yaml native-next.yaml
"$NATIVE" check "$EX" >/dev/null 2>&1; want=$?
expect "check 目录（退出码同本机程序：$want）" "$want" run check "$EX"
has "check 目录列出每个文件" "zibo-yiyuan-traffic-2020.yaml"

# preview: the address it prints, fetched over loopback.
run preview "$REPORT" --port 0 > preview.out 2> preview.err &
PREVIEW_PID=$!
URL=""
for _ in $(seq 1 120); do
  URL="$(grep -o 'http://127\.0\.0\.1:[0-9]*/[^ ]*' preview.out 2>/dev/null | head -n 1)"
  [ -n "$URL" ] && break
  sleep 0.5
done
if [ -z "$URL" ]; then
  bad "preview 给出地址" "$(cat preview.out preview.err)"
else
  ok "preview 给出地址 $URL"
  page=""
  for _ in $(seq 1 60); do
    page="$(curl -s --max-time 5 "$URL")" && printf '%s' "$page" | grep -q "$AGENCY" && break
    sleep 0.5
  done
  LAST="$page"; has "preview 页面经回环地址取得" "$AGENCY"
fi
kill "$PREVIEW_PID" 2>/dev/null; wait "$PREVIEW_PID" 2>/dev/null; PREVIEW_PID=""

# Notepad: GBK with CRLF line ends, and a name ending in .yaml.txt.
mkdir -p notepad
iconv -f UTF-8 -t GB18030 "$REPORT" | sed 's/$/\r/' > notepad/gbk.yaml
expect "check GBK + CRLF 数据文件" 0 run check notepad/gbk.yaml
has "GBK 给出提示" "GBK"
expect "build GBK + CRLF 数据文件" 0 run build notepad/gbk.yaml -o gbk-out --format pdf
same "GBK 数据的 PDF 与 UTF-8 数据的相同" gbk-out/gbk.pdf native/zibo-zhangdian-traffic-2024.pdf
cp "$REPORT" notepad/2025.yaml.txt
expect "check 2025.yaml（实为 2025.yaml.txt）" 2 run check notepad/2025.yaml
has "提示改名" "请把它改名为“2025.yaml”"
rm notepad/gbk.yaml
expect "check 含 2025.yaml.txt 的目录" 0 run check notepad
has "目录中的 .yaml.txt 被读取并提示" "请改名为“2025.yaml”"

# --- Windows as a clerk meets it -----------------------------------------
if [ -n "$EXE" ]; then
  mkdir -p "年报 资料"
  cp "$REPORT" "年报 资料/年报 2024.yaml"
  expect "中文、空格、反斜杠路径" 0 run build "$(winpath "$WORK/年报 资料/年报 2024.yaml")" \
    -o "$(winpath "$WORK/输出 目录")" --format pdf
  same "该路径生成的 PDF 相同" "输出 目录/年报 2024.pdf" native/zibo-zhangdian-traffic-2024.pdf

  # A file held open without sharing, as Word and WPS hold a document.
  cat > holder.c <<'EOF'
#include <windows.h>
#include <stdio.h>
int wmain(int argc, wchar_t **argv) {
  HANDLE h = CreateFileW(argv[1], GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_ALWAYS, 0, NULL);
  if (h == INVALID_HANDLE_VALUE) return 1;
  printf("held\n"); fflush(stdout);
  Sleep(60000);
  return 0;
}
EOF
  if x86_64-w64-mingw32-gcc -municode -O2 -o holder.exe holder.c 2>holder.err; then
    cp "$REPORT" held.yaml
    "$WINE64" holder.exe "$(winpath "$WORK/held.yaml")" > holder.out &
    HOLDER_PID=$!
    for _ in $(seq 1 60); do grep -q held holder.out 2>/dev/null && break; sleep 0.5; done
    expect "读取被占用的数据文件" 2 run check held.yaml
    has "被占用时提示关闭" "请先在 Word/WPS 中关闭该文件"
    kill "$HOLDER_PID" 2>/dev/null; wait "$HOLDER_PID" 2>/dev/null
    mkdir -p held-out
    cp out/zibo-zhangdian-traffic-2024.docx held-out/held.docx
    "$WINE64" holder.exe "$(winpath "$WORK/held-out/held.docx")" > holder.out &
    HOLDER_PID=$!
    for _ in $(seq 1 60); do grep -q held holder.out && break; sleep 0.5; done
    expect "写入被占用的输出文件" 2 run build held.yaml -o held-out --format docx
    has "写入被占用时提示关闭" "请先在 Word/WPS 中关闭该文件"
    kill "$HOLDER_PID" 2>/dev/null; wait "$HOLDER_PID" 2>/dev/null; HOLDER_PID=""
  else
    bad "编译占用文件的小程序" "$(cat holder.err)"
  fi

  # A double-click: no arguments and a console of its own, as Explorer
  # starts it; the launcher sends the output to a file. (That the window
  # then waits for Enter needs a console with a keyboard: Wine without a
  # display gives the new console no input, so it is not checked here.)
  cat > newconsole.c <<'EOF'
#include <windows.h>
int wmain(int argc, wchar_t **argv) {
  SECURITY_ATTRIBUTES sa = { sizeof sa, NULL, TRUE };
  STARTUPINFOW si = { sizeof si };
  PROCESS_INFORMATION pi;
  DWORD code = 99;
  HANDLE out = CreateFileW(argv[2], GENERIC_WRITE, FILE_SHARE_READ, &sa, CREATE_ALWAYS, 0, NULL);
  si.dwFlags = STARTF_USESTDHANDLES;
  si.hStdInput = NULL; si.hStdOutput = out; si.hStdError = out;
  if (!CreateProcessW(argv[1], NULL, NULL, NULL, TRUE, CREATE_NEW_CONSOLE, NULL, NULL, &si, &pi)) return 98;
  WaitForSingleObject(pi.hProcess, 30000);
  GetExitCodeProcess(pi.hProcess, &code);
  return (int)code;
}
EOF
  if x86_64-w64-mingw32-gcc -municode -O2 -o newconsole.exe newconsole.c 2>newconsole.err; then
    "$WINE64" newconsole.exe "$(winpath "$BIN")" "$(winpath "$WORK/double-click.txt")" >/dev/null 2>&1
    LAST="$(cat double-click.txt 2>/dev/null)"
    # A double-click opens the workbench on the folder (issue 28); the guide
    # that waits for Enter is only its fallback.
    has "双击（无参数、独占控制台）时打开工作台" "年报工作台已启动"
  else
    bad "编译模拟双击的小程序" "$(cat newconsole.err)"
  fi
  expect "在 cmd 中无参数运行时显示用法" 2 "$WINE64" cmd /c "$(winpath "$BIN")"
  has "cmd 中的用法说明" "用法：nianbao"
  # Output redirected by cmd.exe to files: UTF-8 without BOM.
  "$WINE64" cmd /c "$(winpath "$BIN") --version > redirected.txt" >/dev/null 2>&1
  "$WINE64" cmd /c "$(winpath "$BIN") check 没有这个文件.yaml 2> redirected-err.txt" >/dev/null 2>&1
  if head -c 3 redirected.txt | grep -q $'\xef\xbb\xbf'; then bad "重定向的输出不带 BOM"
  elif grep -q '许可' redirected.txt && grep -q '没有这个文件.yaml：文件不存在' redirected-err.txt; then
    ok "cmd 重定向到文件的输出和错误是不带 BOM 的 UTF-8"
  else bad "cmd 重定向到文件的输出是 UTF-8" "$(head -c 400 redirected.txt redirected-err.txt)"; fi
fi

printf 'smoke.sh：%s：%d 项通过，%d 项失败，用时 %s 秒\n' "$TARGET" "$PASS" "$FAIL" $(( $(date +%s) - START ))
[ "$FAIL" = 0 ]
