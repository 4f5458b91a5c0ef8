" pyhint for ALE: Python concepts explained (:ALEHover), pitfalls flagged.
" Put editors/vim on 'runtimepath' (after ALE), then:
"   let g:ale_linters = {'python': ['pyhint']}        " or add 'pyhint' to yours
" Settings (the server's, see the pyhint README):
"   let g:ale_python_pyhint_config = {'explanationLevel': 'intermediate', 'ignore': ['global-statement']}

call ale#Set('python_pyhint_executable', 'pyhint')
call ale#Set('python_pyhint_config', {})

function! ale_linters#python#pyhint#GetCommand(buffer) abort
    return '%e serve'
endfunction

function! ale_linters#python#pyhint#GetProjectRoot(buffer) abort
    let l:root = ale#python#FindProjectRoot(a:buffer)

    return !empty(l:root) ? l:root : fnamemodify(bufname(a:buffer), ':p:h')
endfunction

" The settings go both ways the server reads them: as initializationOptions,
" and under the "pyhint" section of workspace/didChangeConfiguration.
function! ale_linters#python#pyhint#GetInitializationOptions(buffer) abort
    let l:config = ale#Var(a:buffer, 'python_pyhint_config')

    return empty(l:config) ? {'explanationLevel': 'beginner'} : l:config
endfunction

function! ale_linters#python#pyhint#GetLspConfig(buffer) abort
    return {'pyhint': ale_linters#python#pyhint#GetInitializationOptions(a:buffer)}
endfunction

call ale#linter#Define('python', {
\   'name': 'pyhint',
\   'lsp': 'stdio',
\   'executable': {b -> ale#Var(b, 'python_pyhint_executable')},
\   'command': function('ale_linters#python#pyhint#GetCommand'),
\   'project_root': function('ale_linters#python#pyhint#GetProjectRoot'),
\   'initialization_options': function('ale_linters#python#pyhint#GetInitializationOptions'),
\   'lsp_config': function('ale_linters#python#pyhint#GetLspConfig'),
\})
