# Runtime settings shared by the `vqdna` launcher and bench/run.sh (sourced, not executed).
#
# Tensors are small managed handles over large native buffers. With .NET's default gen0 budget
# (about the L3 cache size, 14 MiB here) the heap of dead handles grows for ~1,000 steps before the
# first collection, which reads as +10% resident memory in bench/leak. A 2 MiB budget keeps it flat
# and lets the GC reclaim any handle that escaped a dispose scope sooner. The knob is environment-only:
# runtimeconfig.json does not carry it.
export DOTNET_GCgen0size=${DOTNET_GCgen0size:-0x200000}
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
