#!/bin/sh
# Shell completion: bash offers each program's long options, read from its
# own --help, and the filter names as copydesk's chain; zsh's file parses.
. "${0%/*}/lib.sh"
C=$top/scripts/completion
if ! command -v bash >/dev/null 2>&1; then
	skip 'bash completion' 'no bash'
else
	# comp WORDS...: what the completion offers for the last word
	comp() {
		bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
			complete -p "$1" >/dev/null || exit 9
			_copydesk_complete "$1"; printf "%s\n" "${COMPREPLY[@]}"' \
		    comp "$C/copydesk.bash" "$@"
	}
	for p in unmojibake unboiler sentsplit quotetag copydesk; do
		comp "$p" --h >"$T/got"
		is "bash: $p --h offers --help" "$(cat "$T/got")" --help
	done
	mkdir "$T/b" && ln -s "$top/scripts/batch" "$T/b/copydesk-batch"
	PATH=$T/b:$PATH comp copydesk-batch --e >"$T/got"
	is 'bash: copydesk-batch --e offers --eta' "$(cat "$T/got")" --eta
	comp unboiler --max-r >"$T/got"
	is 'bash: unboiler --max-r offers --max-record= and --max-reject=' \
	    "$(tr '\n' ' ' <"$T/got")" '--max-record= --max-reject= '
	comp unmojibake --fr >"$T/got"
	is 'bash: unmojibake --fr offers --from=' "$(cat "$T/got")" --from=
	comp copydesk un >"$T/got"
	is "bash: copydesk's chain offers the filters" "$(tr '\n' ' ' <"$T/got")" 'unmojibake unboiler '
	(cd "$top" && comp sentsplit samp) >"$T/got"
	is 'bash: a file name otherwise' "$(cat "$T/got")" samples
fi
if command -v zsh >/dev/null 2>&1; then
	ok 'zsh: _copydesk parses' zsh -n "$C/_copydesk"
else
	skip 'zsh completion' 'no zsh'
fi
ok 'zsh: _copydesk names every program' \
    grep -q '^#compdef unmojibake unboiler sentsplit quotetag copydesk copydesk-batch$' "$C/_copydesk"
done_testing
