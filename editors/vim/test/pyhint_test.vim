" Headless test of the ALE linter definition against the real server.
" Run by test/run.sh: vim -N -u NONE -i NONE -n -es -S test/pyhint_test.vim
" Environment: PYHINT_BIN, PYHINT_VIM_DIR (editors/vim), PYHINT_WORK, PYHINT_OUT.

let s:out = $PYHINT_OUT
let s:passed = 0
let s:failed = 0

function! s:Log(line) abort
    call writefile([a:line], s:out, 'a')
endfunction

function! s:Finish() abort
    call s:Log(printf('%d passed, %d failed', s:passed, s:failed))
    execute 'cquit ' . min([s:failed, 90])
endfunction

function! s:Check(name, ok, detail) abort
    if a:ok
        let s:passed += 1
        call s:Log('ok - ' . a:name)
    else
        let s:failed += 1
        call s:Log('not ok - ' . a:name)
        call s:Log('#   ' . a:detail)
    endif
endfunction

" Waits up to ms for the expression to be true; sleeping lets job callbacks run.
function! s:Wait(ms, expr) abort
    let l:waited = 0
    while !eval(a:expr) && l:waited < a:ms
        sleep 50m
        let l:waited += 50
    endwhile
    return eval(a:expr)
endfunction

" A watchdog: a silent server fails the run instead of hanging it.
call timer_start(60000, {-> execute("call s:Log('not ok - watchdog: the test did not finish within 60 s') | call s:Log(printf('%d passed, %d failed', s:passed, s:failed + 1)) | cquit 99")})

set nocompatible
set runtimepath^=/usr/share/vim-ale
execute 'set runtimepath+=' . fnameescape($PYHINT_VIM_DIR)
filetype plugin on
runtime plugin/ale.vim

let g:ale_linters = {'python': ['pyhint']}
let g:ale_linters_explicit = 1
let g:ale_python_pyhint_executable = $PYHINT_BIN
" A setting the server must receive: global-statement is then not reported.
let g:ale_python_pyhint_config = {'ignore': ['global-statement']}
let g:ale_hover_to_preview = 1

execute 'edit ' . fnameescape($PYHINT_WORK . '/demo.py')
let s:buf = bufnr('')

function! s:Codes() abort
    return sort(map(filter(copy(ale#engine#GetLoclist(s:buf)), 'get(v:val, "linter_name", "") is# "pyhint"'), 'get(v:val, "code", "")'))
endfunction

call s:Check('the linter is defined for python', len(filter(ale#linter#Get('python'), 'v:val.name is# "pyhint"')) == 1, string(ale#linter#Get('python')))

call s:Wait(15000, 'index(s:Codes(), "bare-except") >= 0')
call s:Check('diagnostics arrive in ALE''s loclist', index(s:Codes(), 'bare-except') >= 0, 'codes: ' . string(s:Codes()))
call s:Check('the settings reached the server (global-statement ignored)', index(s:Codes(), 'global-statement') < 0, 'codes: ' . string(s:Codes()))

let s:item = get(filter(copy(ale#engine#GetLoclist(s:buf)), 'get(v:val, "code", "") is# "bare-except"'), 0, {})
call s:Check('a finding has its line, severity and message', get(s:item, 'lnum', 0) == search('except:', 'n') && get(s:item, 'type', '') is# 'W' && get(s:item, 'text', '') =~# 'KeyboardInterrupt', string(s:item))

" Hover on `global`: the concept card in the preview window.
call cursor(search('global counter', 'n'), 7)
ALEHover
function! s:Preview() abort
    for l:w in range(1, winnr('$'))
        if getwinvar(l:w, '&previewwindow')
            return join(getbufline(winbufnr(l:w), 1, '$'), "\n")
        endif
    endfor
    return ''
endfunction
call s:Wait(10000, 's:Preview() =~# "The global keyword"')
call s:Check('hover on `global` shows the concept card', s:Preview() =~# 'The global keyword' && s:Preview() =~# 'module-level name `counter`', 'preview: ' . s:Preview()[:300])

call s:Finish()
