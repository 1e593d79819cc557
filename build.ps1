# Thin shim: all build logic is in build/build.cs.  Usage: ./build.ps1 [build|test|run|worker|clean|openapi]
Set-Location $PSScriptRoot
dotnet run build/build.cs -- @args
exit $LASTEXITCODE
