#!/usr/bin/env bash
# Thin shim: all build logic is in build/build.cs.  Usage: ./build.sh [build|test|run|worker|clean|openapi]
set -euo pipefail
cd "$(dirname "$0")"
# A server started by "run" stops when this process does, however it is stopped (src/WebApi/Hosting/OwnerProcessWatch.cs).
export VARIANTMINER_OWNER_PID=$$
exec dotnet run build/build.cs -- "$@"
