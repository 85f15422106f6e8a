#!/usr/bin/env bash
# Adds every public symbol the build reports as undeclared (RS0016) to PublicAPI.Unshipped.txt and
# removes declared symbols that no longer exist (RS0017). Review the diff: it is the API change.
# Usage: eng/update-public-api.sh [project.csproj ...]   (default: every project under src/)
set -euo pipefail
cd "$(dirname "$0")/.."
projects=("$@")
[ ${#projects[@]} -gt 0 ] || mapfile -t projects < <(ls src/*/*.csproj)
for project in "${projects[@]}"; do
  dir=$(dirname "$project")
  [ -f "$dir/PublicAPI.Unshipped.txt" ] || continue
  full=$(cd "$dir" && pwd)/$(basename "$project")
  # Only this project's own diagnostics (a build also reports those of the projects it references).
  log=$(dotnet build "$project" --no-incremental -p:TreatWarningsAsErrors=false -nologo -clp:NoSummary 2>&1 | grep -F "[$full]" || true)
  added=$(grep -oE "RS0016: Symbol '.*' is not part of the declared public API" <<<"$log" \
    | sed -E "s/^RS0016: Symbol '(.*)' is not part of the declared public API$/\1/" | sort -u || true)
  removed=$(grep -oE "RS0017: Symbol '.*' is part of the declared API, but is either not public or could not be found" <<<"$log" \
    | sed -E "s/^RS0017: Symbol '(.*)' is part of the declared API.*$/\1/" | sort -u || true)
  file="$dir/PublicAPI.Unshipped.txt"
  { grep -v "^#nullable enable$" "$file" || true; if [ -n "$added" ]; then printf "%s\n" "$added"; fi; } \
    | { if [ -n "$removed" ]; then grep -vxF -f <(printf '%s\n' "$removed"); else cat; fi; } \
    | sort -u | { echo '#nullable enable'; cat; } > "$file.tmp"
  mv "$file.tmp" "$file"
  echo "$project: +$(grep -c . <<<"$added" || true) -$(grep -c . <<<"$removed" || true)"
done
