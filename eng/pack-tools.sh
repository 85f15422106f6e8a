#!/usr/bin/env bash
# Packs the two dotnet tools (SlmMesh.Mcp: slm-mesh-mcp; SlmMesh.Cli: slm-mesh) the way they are released:
#   SlmMesh.Mcp.<v>.nupkg            pointer package (type DotnetTool + McpServer, holds .mcp/server.json);
#                                    names one package per RID in src/ToolPackaging.props
#   SlmMesh.Mcp.any.<v>.nupkg        framework-dependent fallback (needs the .NET 10 runtime)
#   SlmMesh.Mcp.<rid>.<v>.nupkg      Native AOT build for one RID (no runtime needed)
# and the same three for SlmMesh.Cli. Native AOT cannot cross OSes, so each machine packs its own RID: run
# this on each of linux-x64, linux-arm64, osx-arm64 (also packs osx-x64 with --rid osx-x64) and win-x64
# (Git Bash), then push every package of one version together. The pointer and `any` packages are the same
# wherever they are packed: --aot-only skips them on all machines but one.
#
# Usage: eng/pack-tools.sh [--out DIR] [--rid RID] [--aot-only] [--rids 'linux-x64;any'] [--version V]
#   --out      where the .nupkg files go (default artifacts/tools)
#   --rid      the AOT RID to pack (default: this machine's)
#   --aot-only only the RID package(s), not the pointer and `any` packages
#   --rids     the RIDs the pointer package names (default: SlmMeshToolRuntimeIdentifiers in
#              src/ToolPackaging.props); name only RIDs whose packages this release publishes
#   --version  package version (default: Version in Directory.Build.props)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

out=artifacts/tools rid= aot_only=false rids= version=
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --rid) rid=$2; shift 2 ;;
    --aot-only) aot_only=true; shift ;;
    --rids) rids=$2; shift 2 ;;
    --version) version=$2; shift 2 ;;
    *) echo "unknown argument: $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done
if [ -z "$rid" ]; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) rid=linux-x64 ;;
    Linux-aarch64 | Linux-arm64) rid=linux-arm64 ;;
    Darwin-arm64) rid=osx-arm64 ;;
    Darwin-x86_64) rid=osx-x64 ;;
    MINGW*-x86_64 | MSYS*-x86_64 | CYGWIN*-x86_64) rid=win-x64 ;;
    *) echo "no AOT RID for $(uname -s)-$(uname -m): pass --rid" >&2; exit 2 ;;
  esac
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

props=()
[ -z "$rids" ] || props+=("-p:SlmMeshToolRuntimeIdentifiers=\"$rids\"")
[ -z "$version" ] || props+=("-p:Version=$version")

for project in src/SlmMesh.Hosting.Mcp src/SlmMesh.Cli; do
  name=$(basename "$project")
  # A fresh publish folder for each package: a tool package takes every file in it, stale ones included.
  if [ "$aot_only" = false ]; then
    dotnet pack "$project" -c Release -o "$out" -nologo ${props[@]+"${props[@]}"} -p:PublishDir="$work/$name/pointer/"
    dotnet pack "$project" -c Release -o "$out" -nologo ${props[@]+"${props[@]}"} -r any -p:PublishAot=false \
      -p:PublishDir="$work/$name/any/"
  fi
  dotnet pack "$project" -c Release -o "$out" -nologo ${props[@]+"${props[@]}"} -r "$rid" -p:PublishDir="$work/$name/$rid/"
  # The AOT package must hold the native executable, not a managed build (which has a runtimeconfig.json).
  if ls "$work/$name/$rid/" | grep -q -E '\.runtimeconfig\.json$'; then
    echo "$name $rid: the publish folder holds managed assemblies, not a Native AOT build" >&2
    exit 1
  fi
done
ls -l "$out"
