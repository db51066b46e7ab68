#!/bin/sh
# scripts/batch -S end to end: a private sshd on 127.0.0.2 (a throwaway host
# key and client key in the test's temporary directory, a high port) plays
# the remote host; inputs go there with rsync, outputs come back, and they
# are byte for byte what the pipeline gives serially. Needs root (sshd) and
# the Debian packages openssh-server, openssh-client and rsync.
. "${0%/*}/lib.sh"
. "$top/tests/data/batch/shards.sh"
B=$top/scripts/batch
unset PARALLEL

need() {
	skip 'batch over ssh' "$1"
	done_testing
	exit 0
}
[ "$(id -u)" -eq 0 ] || need 'not root (the test starts its own sshd on 127.0.0.2)'
sshd=$(command -v sshd || echo /usr/sbin/sshd)
[ -x "$sshd" ] || need 'no sshd (Debian package openssh-server)'
command -v ssh >/dev/null 2>&1 && command -v ssh-keygen >/dev/null 2>&1 ||
	need 'no ssh or ssh-keygen (Debian package openssh-client)'
command -v rsync >/dev/null 2>&1 || need 'no rsync (Debian package rsync)'
to=""
command -v timeout >/dev/null 2>&1 && to="timeout -k 5 90"

# Cleanup, whatever happens: the sshd, the remote copies, /run/sshd if we
# made it, then lib.sh's temporary directory.
spid=""
rundir=""
rhome=""
cleanup() {
	# shellcheck disable=SC2086
	[ -n "$rhome" ] && ssh -p "$port" $opts -O exit root@127.0.0.2 2>/dev/null
	[ -n "$spid" ] && kill "$spid" 2>/dev/null && wait "$spid" 2>/dev/null
	if [ -n "$rhome" ] && [ -d "$rhome/${T#/}" ]; then
		rm -rf "${rhome:?}/${T#/}"
	fi
	[ -n "$rundir" ] && rmdir "$rundir" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

if [ ! -d /run/sshd ]; then
	mkdir -p /run/sshd && rundir=/run/sshd
fi
ssh-keygen -q -t ed25519 -N '' -C copydesk-test-host -f "$T/hostkey" &&
	ssh-keygen -q -t ed25519 -N '' -C copydesk-test -f "$T/key" ||
	bail 'ssh-keygen failed'
cp "$T/key.pub" "$T/authorized_keys"
port=$((20000 + $$ % 20000))
opts="-F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes"
opts="$opts -o IdentitiesOnly=yes -o ConnectTimeout=5 -o LogLevel=ERROR"
# one connection for all the jobs' ssh and rsync calls: much faster
opts="$opts -o ControlMaster=auto -o ControlPath=$T/cm-%C -o ControlPersist=60"
tries=0
while :; do
	cat >"$T/sshd_config" <<CFG
Port $port
ListenAddress 127.0.0.2
HostKey $T/hostkey
AuthorizedKeysFile $T/authorized_keys
PidFile $T/sshd.pid
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
CFG
	"$sshd" -D -f "$T/sshd_config" -E "$T/sshd.log" &
	spid=$!
	i=0
	while [ $i -lt 50 ] && ! grep -q 'Server listening' "$T/sshd.log" 2>/dev/null &&
		kill -0 "$spid" 2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
	grep -q 'Server listening' "$T/sshd.log" 2>/dev/null && break
	kill "$spid" 2>/dev/null
	wait "$spid" 2>/dev/null
	spid=""
	tries=$((tries + 1))
	[ $tries -lt 5 ] || need "sshd did not start on 127.0.0.2: $(tail -n 1 "$T/sshd.log")"
	port=$((port + 1))
done
# shellcheck disable=SC2086
login="ssh -p $port -i $T/key $opts root@127.0.0.2"
# shellcheck disable=SC2086
rhome=$($to $login 'echo "$HOME"' </dev/null 2>"$T/err")
ok 'ssh to the private sshd works' test -n "$rhome"
[ -n "$rhome" ] || bail "ssh to 127.0.0.2:$port failed: $(cat "$T/err")"
diag "sshd on 127.0.0.2 port $port"

# three shards, one wave of -j 3; one of them fails while $T/broken exists
# (the remote host is this machine, so it sees that file too)
mkshards "$T/all"
mkdir -p "$T/in put/sub"
cp "$T/all/a.jsonl" "$T/in put/"
cp "$T/all/sub/d.jsonl" "$T/in put/sub/"
{ gzip -dc "$T/all/b.jsonl.gz"; printf '{"id":"p","text":"POISON pill"}\n'; } |
	gzip -n >"$T/in put/b.jsonl.gz"
poison="perl -pe 'die \"poison\\n\" if /POISON/ && -e \"$T/broken\"' | rectool -m upper --jsonl"
serial "$poison" "$T/in put" "$T/ref"
touch "$T/broken"

echo "3/$login" >"$T/hosts"
$to "$B" -j 3 -S "$T/hosts" -p "$poison" "$T/in put" "$T/out put" 2>"$T/err"
st=$?
is '-S, a failing shard: exit 1' "$st" 1
[ "$st" -eq 1 ] || diag "$(cat "$T/err")"
ok '-S, a failing shard: named' grep -q '^batch: failed: b.jsonl.gz (exit status' "$T/err"
ok '-S, a failing shard: nothing comes back under its name' test ! -e "$T/out put/b.jsonl.gz"
ok '-S: the other shards come back byte-identical' sh -c \
	"cmp '$T/ref/a.jsonl' '$T/out put/a.jsonl' && cmp '$T/ref/sub/d.jsonl' '$T/out put/sub/d.jsonl'"
ok '-S: every job ran on the remote host, with data both ways' sh -c \
	"[ \$(awk -F '\t' 'NR > 1 && \$2 ~ /127\\.0\\.0\\.2/ && \$5 > 0' '$T/out put/.batch/joblog' | wc -l) -eq 3 ] &&
	[ \$(awk -F '\t' 'NR > 1 && \$7 == 0 && \$6 > 0' '$T/out put/.batch/joblog' | wc -l) -eq 2 ]"
ok '-S: the remote copies are removed' test ! -e "$rhome/${T#/}"
ok '-S: no .part left' sh -c "[ -z \"\$(find '$T/out put' -name '*.part')\" ]"

# resume on a mix of this machine (:) and the remote host
rm "$T/broken"
printf '1/:\n3/%s\n' "$login" >"$T/hosts"
$to "$B" -j 3 -S "$T/hosts" -p "$poison" "$T/in put" "$T/out put" 2>"$T/err"
st=$?
is '-S, resumed: exit 0' "$st" 0
[ "$st" -eq 0 ] || diag "$(cat "$T/err")"
ok '-S, resumed: byte-identical to the serial pipeline' same_tree "$T/ref" "$T/out put"
ok '-S, resumed: only the failed shard ran again' sh -c "[ \$(wc -l <'$T/out put/.batch/joblog') -eq 5 ]"
ok '-S, resumed: the remote copies are removed' test ! -e "$rhome/${T#/}"

done_testing
