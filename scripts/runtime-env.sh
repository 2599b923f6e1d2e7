# Runtime settings shared by the `vqdna` launcher and bench/run.sh (sourced, not executed).
#
# Tensors are small managed handles over large native buffers. With .NET's default gen0 budget
# (about the L3 cache size, 14 MiB here) the heap of dead handles grows for ~1,000 steps before the
# first collection, which reads as +10% resident memory in bench/leak. A 2 MiB budget keeps it flat
# and lets the GC reclaim any handle that escaped a dispose scope sooner. The knob is environment-only:
# runtimeconfig.json does not carry it.
export DOTNET_GCgen0size=${DOTNET_GCgen0size:-0x200000}
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

# libtorch frees and re-allocates its activations every step, and the large ones (tens of MB) are
# above glibc's mmap threshold (32 MB at most): glibc returns them to the kernel on free and the next
# step page-faults them back in, zeroed. tcmalloc keeps the pages for reuse. Measured with
# bench/vq-throughput and bench/train-step (README, "Allocator"); jemalloc 5.3 hands such
# allocations back at once too and was slower than glibc. Preloaded when Debian's
# libtcmalloc-minimal4 is there (ensure-deps.sh installs it); VQDNA_MALLOC=glibc keeps glibc's.
if [[ "${VQDNA_MALLOC:-tcmalloc}" == tcmalloc ]]; then
  vqdna_tcmalloc=/usr/lib/$(uname -m)-linux-gnu/libtcmalloc_minimal.so.4
  if [[ -r "$vqdna_tcmalloc" && ":${LD_PRELOAD:-}:" != *":$vqdna_tcmalloc:"* ]]; then
    export LD_PRELOAD="$vqdna_tcmalloc${LD_PRELOAD:+:$LD_PRELOAD}"
    # gperftools prints a stack line to stderr for every allocation over 1 GiB unless told otherwise.
    export TCMALLOC_LARGE_ALLOC_REPORT_THRESHOLD=${TCMALLOC_LARGE_ALLOC_REPORT_THRESHOLD:-1099511627776}
  fi
  unset vqdna_tcmalloc
elif [[ "$VQDNA_MALLOC" != glibc ]]; then
  echo "vqdna: VQDNA_MALLOC is tcmalloc or glibc, not '$VQDNA_MALLOC'; using glibc's malloc" >&2
fi
