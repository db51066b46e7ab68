# See LICENSE file for copyright and license details.
# tests/data/batch/shards.sh: helpers for the scripts/batch tests, sourced
# after tests/lib.sh.
#
#   jsonl FILE...          each file as one {"id","text","source"} record,
#                          then one record per paragraph (perl, no jq)
#   mkshards DIR           the bundled samples as shards in DIR: a.jsonl,
#                          b.jsonl.gz, c.jsonl.zst (plain when there is no
#                          zstd), sub/d.jsonl, an empty empty.jsonl, and two
#                          files batch must skip (README.txt, .hidden.jsonl)
#   serial PIPELINE IN OUT the reference: every shard of IN through PIPELINE
#                          one after the other, recompressed the same way
#   same_tree A B          A and B hold the same files (.batch/ aside) with
#                          the same bytes; prints the differences
#   noparts DIR            no .part file anywhere under DIR
#   joblines DIR           lines in DIR's joblog, header included

jsonl() {
	perl -e '
	sub enc {
		my $s = shift;
		$s =~ s/(["\\])/\\$1/g;
		$s =~ s/\n/\\n/g;
		$s =~ s/\t/\\t/g;
		$s =~ s/\r/\\r/g;
		$s =~ s/([\x00-\x1f])/sprintf("\\u%04x", ord $1)/ge;
		return "\"$s\"";
	}
	my $id = 0;
	for my $f (@ARGV) {
		open(my $h, "<", $f) or die "$f: $!\n";
		my $t = do { local $/; <$h> };
		(my $src = $f) =~ s{.*/}{};
		for my $r ($t, grep { /\S/ } split /\n\s*\n/, $t) {
			printf "{\"id\":\"%s-%d\",\"text\":%s,\"source\":%s}\n",
			    $src, $id++, enc($r), enc($src);
		}
	}' "$@"
}

mkshards() {
	mkdir -p "$1/sub" || return 1
	set -- "$1" "$top"/samples/0*.txt
	jsonl "$2" "$3" >"$1/a.jsonl"
	jsonl "$4" "$5" | gzip -n >"$1/b.jsonl.gz"
	if command -v zstd >/dev/null 2>&1; then
		jsonl "$6" | zstd -q >"$1/c.jsonl.zst"
	else
		jsonl "$6" >"$1/c.jsonl"
	fi
	jsonl "$2" "$6" >"$1/sub/d.jsonl"
	: >"$1/empty.jsonl"
	echo 'not a shard' >"$1/README.txt"
	jsonl "$3" >"$1/.hidden.jsonl"
}

serial() {
	(cd "$2" && find . -name '.?*' -prune -o -type f -print) | sed 's|^\./||' |
		grep -E '\.jsonl(\.gz|\.zst)?$' | sort | while IFS= read -r f; do
		mkdir -p "$3/$(dirname "$f")"
		case $f in
		*.gz) gzip -dc "$2/$f" | bash -c "set -o pipefail; $1" | gzip -nc ;;
		*.zst) zstd -dcq "$2/$f" | bash -c "set -o pipefail; $1" | zstd -qc ;;
		*) bash -c "set -o pipefail; $1" <"$2/$f" ;;
		esac >"$3/$f" || echo "serial: $f failed" >&2
	done
}

same_tree() {
	(cd "$1" && find . -path ./.batch -prune -o -type f -print | sort) >"$T/.tree1"
	(cd "$2" && find . -path ./.batch -prune -o -type f -print | sort) >"$T/.tree2"
	if ! cmp -s "$T/.tree1" "$T/.tree2"; then
		diff "$T/.tree1" "$T/.tree2" | sed 's/^/# /'
		return 1
	fi
	_st=0
	while IFS= read -r _f; do
		cmp "$1/$_f" "$2/$_f" | sed 's/^/# /' | grep . && _st=1
	done <"$T/.tree1"
	return $_st
}

# noparts DIR: no .part file anywhere under DIR
noparts() {
	[ -z "$(find "$1" -name '*.part' -print)" ]
}

# joblines DIR: lines in DIR's joblog, header included
joblines() {
	wc -l <"$1/.batch/joblog" | tr -d ' '
}
