#!/usr/bin/env bash
# Keeps the history directory on its own branch of this repository (default convbench-history), apart from the code:
#
#   ci/history-branch.sh fetch DIR             check the branch out into DIR (a git worktree); a new, empty branch
#                                              when the remote has none yet
#   ci/history-branch.sh push DIR [MESSAGE]    commit what was added in DIR and push it
#
# Entries are new files with unique names and are never edited, so two jobs pushing at once never conflict: a push
# the remote rejects (someone pushed first) is rebased onto the remote branch and tried again, up to 5 times.
#
# Run from inside the repository's checkout (the workflow's working directory). Environment: CONVBENCH_HISTORY_REMOTE
# (default origin), CONVBENCH_HISTORY_BRANCH (default convbench-history). Works the same on a developer machine
# with push rights; exit status 2 for usage errors.
set -euo pipefail

remote="${CONVBENCH_HISTORY_REMOTE:-origin}"
branch="${CONVBENCH_HISTORY_BRANCH:-convbench-history}"

log() {
  echo "history-branch: $*" >&2
}

usage() {
  echo "usage: $0 fetch DIR | push DIR [MESSAGE]" >&2
  exit 2
}

[[ $# -ge 2 ]] || usage
command="$1"
dir="$2"

# Commits made by CI have no configured identity; a developer's own is kept.
as_committer() {
  git -c user.name="$(git config user.name || echo 'convbench CI')" \
    -c user.email="$(git config user.email || echo 'convbench-ci@users.noreply.github.com')" "$@"
}

case "$command" in
  fetch)
    [[ ! -e "$dir" ]] || { log "$dir exists; give a new directory"; exit 2; }
    if git ls-remote --exit-code --heads "$remote" "$branch" > /dev/null 2>&1; then
      git fetch -q "$remote" "+refs/heads/$branch:refs/remotes/$remote/$branch"
      git worktree add -q --detach "$dir" "refs/remotes/$remote/$branch"
      git -C "$dir" checkout -q -B "$branch"
      log "$remote/$branch checked out into $dir ($(git -C "$dir" ls-files | grep -c '\.json$' || true) entries)"
    else
      # No history yet: an orphan branch with no files (the code does not belong on it).
      git worktree add -q --detach "$dir" HEAD
      git -C "$dir" checkout -q --orphan "$branch"
      git -C "$dir" rm -rfq --ignore-unmatch .
      log "$remote has no branch $branch yet: a new one in $dir"
    fi
    ;;
  push)
    [[ -d "$dir" ]] || { log "$dir: no such directory (fetch it first)"; exit 2; }
    message="${3:-convbench history}"
    cd "$dir"
    git add -A
    if git diff --cached --quiet; then
      log "nothing new in $dir to push"
      exit 0
    fi
    as_committer commit -q -m "$message"
    for attempt in 1 2 3 4 5; do
      if git push -q "$remote" "HEAD:refs/heads/$branch"; then
        log "pushed to $remote/$branch"
        exit 0
      fi
      log "push rejected (attempt $attempt); rebasing onto $remote/$branch"
      git fetch -q "$remote" "+refs/heads/$branch:refs/remotes/$remote/$branch"
      as_committer rebase -q "refs/remotes/$remote/$branch"
      sleep $((attempt * 2))
    done
    log "could not push to $remote/$branch after 5 attempts"
    exit 1
    ;;
  *)
    usage
    ;;
esac
