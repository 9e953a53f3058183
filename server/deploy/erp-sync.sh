#!/bin/sh
# erp-sync's command line as a host runs it (README: Operating in production): `node cli.js`,
# given --single-threaded-gc on a host of two cores or fewer. An import keeps two threads busy
# (the reading thread and the importing thread), so on two cores V8's background GC threads only
# compete with them: the same import took 2 to 7 % less time and 3 to 6 % less CPU, alternated with
# V8's default (README: Tests and benchmarks, fifth session). V8 takes the option only when the
# process starts (not at run time, nor from NODE_OPTIONS), hence this launcher. ERP_SYNC_SINGLE_THREADED_GC=1 or 0 decides instead
# of the core count; NODE names another node binary.
# `exec`: node replaces this shell, so the supervisor's PID, signals and exit status are node's own.
here=$(dirname "$(readlink -f "$0")")
case "${ERP_SYNC_SINGLE_THREADED_GC:-auto}" in
  1) single=1 ;;
  0) single=0 ;;
  auto)
    # Unknown (no nproc): V8's default.
    cores=$(nproc 2>/dev/null || echo 0)
    if [ "$cores" -ge 1 ] && [ "$cores" -le 2 ]; then single=1; else single=0; fi
    ;;
  *)
    echo "erp-sync: ERP_SYNC_SINGLE_THREADED_GC must be 1, 0 or auto (unset), not « $ERP_SYNC_SINGLE_THREADED_GC »" >&2
    exit 2
    ;;
esac
if [ "$single" = 1 ]; then exec "${NODE:-node}" --single-threaded-gc "$here/cli.js" "$@"; fi
exec "${NODE:-node}" "$here/cli.js" "$@"
