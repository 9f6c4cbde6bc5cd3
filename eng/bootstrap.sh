#!/usr/bin/env bash
# Installs the OS prerequisites of Ml.Sdk, idempotently: running it twice changes nothing the second time.
# Prints one line per prerequisite saying what it found or did.
#
#   - libstdc++ from GCC 13 or later (GLIBCXX_3.4.32), which TorchSharp 0.107's native libraries need.
#     Debian 12 ships GCC 12, so the script adds Debian 13 ("trixie") as an apt source pinned at priority 100
#     (nothing else is upgraded from it) and installs only libstdc++6 from there.
#   - the .NET SDK named in global.json must already be on PATH (the script checks, it does not install it).
#   - redis-server (Debian package `redis-server`), for the tests that run Serving's result cache on a real Redis.
#   - PostgreSQL's server binaries (Debian package `postgresql`), for the PostgreSQL registry's tests; eng/postgres.sh
#     runs a private cluster with them.
#   - chromium (Debian package `chromium`), which Ml.Sdk.Monitoring's report tests run headless to render the HTML
#     drift report, take a screenshot and dump the DOM; without it those tests are skipped with a pointer here.
#     On Ubuntu the `chromium` apt package may be a snap wrapper; any `chromium` on PATH that runs headless will do.
#
# On a distribution other than Debian the script says what is needed instead of guessing.
set -euo pipefail

say() { printf 'bootstrap: %s\n' "$*"; }

libstdcxx_ok() {
  local lib
  for lib in /lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6 /usr/lib/libstdc++.so.6; do
    # grep reads all of strings' output (no -q): with pipefail, an early exit would turn SIGPIPE into failure.
    if [ -e "$lib" ] && strings "$lib" 2>/dev/null | grep 'GLIBCXX_3\.4\.32' >/dev/null; then
      return 0
    fi
  done
  return 1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    say "needs root to run: $*"; exit 1; fi
}

apt_updated=0
apt_update_once() {
  if [ "$apt_updated" -eq 0 ]; then
    as_root apt-get update -qq
    apt_updated=1
  fi
}

os_id=unknown; os_version=unknown
if [ -r /etc/os-release ]; then
  # shellcheck disable=SC1091
  . /etc/os-release
  os_id=${ID:-unknown}; os_version=${VERSION_ID:-unknown}
fi

# 1. .NET SDK
if command -v dotnet >/dev/null 2>&1; then
  say ".NET SDK found: $(dotnet --version 2>/dev/null || echo '?')"
else
  say ".NET SDK not found: install the SDK named in global.json (https://dot.net) and run this script again."
  exit 1
fi

# binutils gives `strings`, used to read libstdc++'s symbol versions.
if ! command -v strings >/dev/null 2>&1; then
  if [ "$os_id" = debian ] || [ "$os_id" = ubuntu ]; then
    apt_update_once; as_root apt-get install -y -qq binutils >/dev/null; say "installed binutils (for strings)"
  else
    say "please install binutils (the 'strings' command) and run this script again"; exit 1
  fi
fi

# 2. libstdc++ with GLIBCXX_3.4.32 (GCC 13+), needed by TorchSharp 0.107's libLibTorchSharp.so
if libstdcxx_ok; then
  say "libstdc++ already provides GLIBCXX_3.4.32: nothing to do"
elif [ "$os_id" = debian ] && [ "$os_version" = 12 ]; then
  say "libstdc++ lacks GLIBCXX_3.4.32 (Debian 12 ships GCC 12): installing libstdc++6 from Debian 13 (trixie), pinned at priority 100"
  if [ ! -f /etc/apt/sources.list.d/ml-sdk-trixie.sources ]; then
    as_root tee /etc/apt/sources.list.d/ml-sdk-trixie.sources >/dev/null <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    say "added apt source /etc/apt/sources.list.d/ml-sdk-trixie.sources"
  fi
  if [ ! -f /etc/apt/preferences.d/ml-sdk-trixie ]; then
    as_root tee /etc/apt/preferences.d/ml-sdk-trixie >/dev/null <<'PIN'
Package: *
Pin: release n=trixie
Pin-Priority: 100
PIN
    say "pinned trixie at priority 100 in /etc/apt/preferences.d/ml-sdk-trixie"
  fi
  apt_update_once
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -t trixie libstdc++6 >/dev/null
  if libstdcxx_ok; then say "installed libstdc++6 from trixie: GLIBCXX_3.4.32 now available"; else
    say "libstdc++6 from trixie installed but GLIBCXX_3.4.32 is still missing"; exit 1; fi
elif [ "$os_id" = debian ] || [ "$os_id" = ubuntu ]; then
  say "libstdc++ lacks GLIBCXX_3.4.32: install libstdc++6 from GCC 13 or later (e.g. 'apt-get install libstdc++6' from a release that ships GCC 13+), then run this script again"
  exit 1
else
  say "unsupported distribution '$os_id $os_version': TorchSharp needs libstdc++ from GCC 13 or later (GLIBCXX_3.4.32); install it with your package manager, then run this script again"
  exit 1
fi

# 3. PostgreSQL server binaries (initdb, pg_ctl), for Ml.Sdk.Registry.PostgreSql's tests (eng/postgres.sh)
postgres_ok() {
  command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1
}
if postgres_ok; then
  say "PostgreSQL server binaries found: nothing to do"
elif [ "$os_id" = debian ] || [ "$os_id" = ubuntu ]; then
  say "PostgreSQL server binaries not found: installing the package 'postgresql'"
  apt_update_once
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  if postgres_ok; then say "installed postgresql"; else say "installed postgresql but found no initdb"; exit 1; fi
else
  say "PostgreSQL server binaries (initdb, pg_ctl) not found: install your distribution's PostgreSQL server package (15 or later), then run this script again"
  exit 1
fi

# 4. Redis server, for the tests that run Serving's result cache on a real Redis (they start a private server per fixture)
if command -v redis-server >/dev/null 2>&1; then
  say "redis-server found: nothing to do"
elif [ "$os_id" = debian ] || [ "$os_id" = ubuntu ]; then
  say "redis-server not found: installing the package 'redis-server'"
  apt_update_once
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  # The package starts a system service; the tests start their own servers on free ports and do not need it.
  if command -v redis-server >/dev/null 2>&1; then say "installed redis-server"; else say "installed redis-server but found no redis-server"; exit 1; fi
else
  say "redis-server not found: install your distribution's Redis server package (6 or later), then run this script again"
  exit 1
fi

# 5. Chromium, for Ml.Sdk.Monitoring's HTML report tests (headless screenshot and DOM dump of a rendered report)
if command -v chromium >/dev/null 2>&1; then
  say "chromium found: nothing to do"
elif [ "$os_id" = debian ] || [ "$os_id" = ubuntu ]; then
  say "chromium not found: installing the package 'chromium'"
  apt_update_once
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  if command -v chromium >/dev/null 2>&1; then say "installed chromium"; else say "installed chromium but found no chromium on PATH"; exit 1; fi
else
  say "chromium not found: install your distribution's Chromium package so that 'chromium' is on PATH, then run this script again"
  exit 1
fi

say "done"
