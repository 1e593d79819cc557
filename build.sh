#!/usr/bin/env bash
# Thin shim: all build logic is in build/build.cs.  Usage: ./build.sh [build|test|run|clean|openapi]
set -euo pipefail
cd "$(dirname "$0")"
exec dotnet run build/build.cs -- "$@"
