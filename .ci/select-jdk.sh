# Sourced by ./nokv and .ci/run (bash). Defines nokv_select_jdk, which exports JAVA_HOME as a JDK
# of version >= 21 and puts its bin first on PATH, because the machine's default java may be
# older (Debian 12 ships 17). Order: JAVA_HOME when it is new enough; else the newest JDK in
# /usr/lib/jvm (Debian, Ubuntu, Fedora) or /Library/Java/JavaVirtualMachines (macOS); else the
# java on PATH. Sets NOKV_JAVA_MAJOR to the chosen major version.

NOKV_MIN_JAVA=21

# Prints the major version of the java executable $1 (8 for "1.8.0_x", 25 for "25.0.3"), or 0.
nokv_java_major() {
  local v
  v=$("$1" -version 2>&1 | awk -F'"' '/version/ { print $2; exit }')
  v=${v#1.}
  v=${v%%[.+-]*}
  case "$v" in
    ''|*[!0-9]*) echo 0 ;;
    *) echo "$v" ;;
  esac
}

# Succeeds when $1 is a JDK home (java and javac) of version >= NOKV_MIN_JAVA; prints its major.
nokv_jdk_ok() {
  local home=$1 major
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
  major=$(nokv_java_major "$home/bin/java")
  [ "$major" -ge "$NOKV_MIN_JAVA" ] || return 1
  echo "$major"
}

nokv_select_jdk() {
  local home major best="" best_major=0 found=""
  if [ -n "${JAVA_HOME:-}" ] && major=$(nokv_jdk_ok "$JAVA_HOME"); then
    best=$JAVA_HOME
    best_major=$major
  else
    for home in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
      [ -d "$home" ] || continue
      found="$found ${home}"
      if major=$(nokv_jdk_ok "$home") && [ "$major" -gt "$best_major" ]; then
        best=$home
        best_major=$major
      fi
    done
    if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
      home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
      if major=$(nokv_jdk_ok "$home"); then
        best=$home
        best_major=$major
      fi
    fi
  fi
  if [ -z "$best" ]; then
    echo "nokv: error: no JDK ${NOKV_MIN_JAVA} or newer found (JAVA_HOME=${JAVA_HOME:-unset};" \
      "looked in /usr/lib/jvm:${found:- nothing there}); install one (e.g. Temurin 21 or 25) or set JAVA_HOME to it" >&2
    return 1
  fi
  export JAVA_HOME=$best
  export PATH="$JAVA_HOME/bin:$PATH"
  NOKV_JAVA_MAJOR=$best_major
}
