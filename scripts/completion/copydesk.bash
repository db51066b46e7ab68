# bash completion for copydesk, copydesk-batch and the four filters.
# See LICENSE file for copyright and license details.
# The long options come from the program's own --help, so they never fall
# behind it; anything else completes as a file name (copydesk's chain,
# the first argument, as a filter name).

_copydesk_complete()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prog=$1 opts

	COMPREPLY=()
	case $cur in
	--*=*)
		COMPREPLY=($(compgen -f -- "${cur#*=}"))
		return
		;;
	-*)
		opts=$("$prog" --help 2>&1 | grep -o -- '--[a-z][-a-z]*=\{0,1\}' | sort -u)
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		[ ${#COMPREPLY[@]} -eq 1 ] && [ "${COMPREPLY[0]%=}" != "${COMPREPLY[0]}" ] &&
			compopt -o nospace 2>/dev/null
		return
		;;
	esac
	if [ "$prog" = copydesk ] && [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(compgen -W "unmojibake unboiler sentsplit quotetag" -- "$cur"))
		return
	fi
	compopt -o filenames 2>/dev/null
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -F _copydesk_complete unmojibake unboiler sentsplit quotetag copydesk copydesk-batch
