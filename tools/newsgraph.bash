# bash completion for newsgraph(1); `make install` puts it in
# $(PREFIX)/share/bash-completion/completions/newsgraph.
# The commands and each command's options are read from newsgraph's own help, so they never
# fall behind it; option values that are a closed list are completed from that list.

_newsgraph()
{
    local cur prev cmd words
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    cmd=${COMP_WORDS[1]}
    local ng=${COMP_WORDS[0]}
    if [ "$COMP_CWORD" -eq 1 ]; then
        words=$("$ng" --help 2>/dev/null | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p')
        COMPREPLY=($(compgen -W "$words --help --version" -- "$cur"))
        return
    fi
    case $prev in
        -f|--format) COMPREPLY=($(compgen -W "turtle ntriples rdfxml nquads trig" -- "$cur")); return ;;
        -r|--results)
            if [ "$cmd" = stats ]; then words="text json"; else words="table csv tsv json xml turtle ntriples"; fi
            COMPREPLY=($(compgen -W "$words" -- "$cur")); return ;;
        -T|--type) COMPREPLY=($(compgen -W "svg png dot" -- "$cur")); return ;;
        --view) COMPREPLY=($(compgen -W "network timeline" -- "$cur")); return ;;
        --auth) COMPREPLY=($(compgen -W "any basic digest" -- "$cur")); return ;;
        --profile) COMPREPLY=($(compgen -W "full lean" -- "$cur")); return ;;
        --store)
            case $cur in
                sqlite:*|hashes:*) COMPREPLY=($(compgen -P "${cur%%:*}:" -f -- "${cur#*:}")) ;;
                *) COMPREPLY=($(compgen -W "sqlite: hashes:" -- "$cur")) ;;
            esac
            compopt -o nospace 2>/dev/null
            return ;;
        --data|--checks) COMPREPLY=($(compgen -d -- "$cur")); return ;;
        -e|--expression|--endpoint|--graph|--user|--base|-j|--jobs|--timeout|--retries|--part-size|--max-size|--max-nodes|--max-results)
            return ;;
    esac
    if [[ $cur == -* ]]; then
        words=$("$ng" "$cmd" --help 2>/dev/null | grep -o -- '\(^\|[ ,]\)--\?[A-Za-z][A-Za-z-]*' | tr -d ' ,' | sort -u)
        COMPREPLY=($(compgen -W "$words" -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _newsgraph newsgraph
