;;; pyhint-test.el --- batch test of pyhint.el with eglot and the real server  -*- lexical-binding: t; -*-

;; Run by test/run.sh:
;;   emacs --batch -Q -l test/pyhint-test.el
;; Environment: PYHINT_BIN, PYHINT_EMACS_DIR (editors/emacs), PYHINT_WORK
;; (a scratch copy of editors/testdata/project).

;;; Code:

(setq package-directory-list '("/usr/share/emacs/site-lisp/elpa"))
(package-initialize)
(add-to-list 'load-path (getenv "PYHINT_EMACS_DIR"))
(require 'cl-lib)
(require 'python)
(require 'flymake)
(require 'pyhint)

(defvar pyhint-test-passed 0)
(defvar pyhint-test-failed 0)
(defvar pyhint-test-work (getenv "PYHINT_WORK"))

(defun pyhint-test--out (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n")))

(defmacro pyhint-test (name &rest body)
  "Run BODY as the check NAME; an error fails it."
  (declare (indent 1))
  `(condition-case err
       (progn ,@body
              (cl-incf pyhint-test-passed)
              (pyhint-test--out "ok - %s" ,name))
     (error (cl-incf pyhint-test-failed)
            (pyhint-test--out "not ok - %s\n#   %s" ,name (error-message-string err)))))

(defun pyhint-test--wait (seconds pred &optional poke)
  "Wait up to SECONDS for PRED, running POKE between tries; return PRED's value."
  (let ((deadline (+ (float-time) seconds)) v)
    (while (and (not (setq v (funcall pred))) (< (float-time) deadline))
      (when poke (funcall poke))
      (accept-process-output nil 0.05))
    v))

(defun pyhint-test--diag-texts ()
  "The texts of the buffer's Flymake diagnostics, asking Flymake to run."
  (mapcar #'flymake-diagnostic-text (flymake-diagnostics)))

(defun pyhint-test--has-diag (needle)
  (seq-some (lambda (s) (string-match-p (regexp-quote needle) s)) (pyhint-test--diag-texts)))

(defun pyhint-test--goto (text)
  (goto-char (point-min))
  (unless (search-forward text nil t) (error "%S not in the buffer" text))
  (goto-char (match-beginning 0)))

;; A watchdog: a silent server fails the run instead of hanging it.
(run-at-time 90 nil (lambda ()
                      (pyhint-test--out "not ok - watchdog: the test did not finish within 90 s")
                      (pyhint-test--out "%d passed, %d failed" pyhint-test-passed (1+ pyhint-test-failed))
                      (kill-emacs 99)))

(setq pyhint-command (list (getenv "PYHINT_BIN") "serve"))
;; A setting the server must receive: global-statement is then not reported.
(setq pyhint-settings '(:ignore ["global-statement"]))
(setq eglot-connect-timeout 20
      eglot-sync-connect t)

(find-file (expand-file-name "demo.py" pyhint-test-work))

(pyhint-test "eglot starts pyhint for a Python buffer"
  (unless (derived-mode-p 'python-mode) (error "not python-mode: %s" major-mode))
  (apply #'eglot (eglot--guess-contact))
  (let ((server (pyhint-test--wait 20 #'eglot-current-server)))
    (unless (cl-typep server 'pyhint-server) (error "server is %S" server))
    (unless (eglot--server-capable :hoverProvider) (error "no hoverProvider"))))

(pyhint-test "diagnostics reach Flymake; the settings reached the server"
  (unless (pyhint-test--wait 20 (lambda () (pyhint-test--has-diag "bare `except:`")) #'flymake-start)
    (error "no bare-except diagnostic: %S" (pyhint-test--diag-texts)))
  (when (pyhint-test--has-diag "rebinds module-level")
    (error "global-statement should be ignored by pyhint-settings: %S" (pyhint-test--diag-texts))))

(pyhint-test "pyhint-set updates the server live: global-statement comes back"
  (pyhint-set :ignore [])
  (unless (pyhint-test--wait 20 (lambda () (pyhint-test--has-diag "rebinds module-level")) #'flymake-start)
    (error "no global-statement diagnostic after pyhint-set: %S" (pyhint-test--diag-texts))))

(pyhint-test "hover on `global` is the concept card"
  (pyhint-test--goto "global counter")
  (forward-char 2)
  (let* ((hover (jsonrpc-request (eglot-current-server) :textDocument/hover
                                 (eglot--TextDocumentPositionParams)))
         (value (plist-get (plist-get hover :contents) :value)))
    ;; Markdown or plain text, as eglot asks (plain text without markdown-mode).
    (unless (and (stringp value) (string-match-p "The global keyword" value)
                 (string-match-p "docs.python.org/3/reference/simple_stmts.html#the-global-statement" value))
      (error "hover: %S" hover))
    (unless (string-match-p "rebind the module-level name `counter`" value)
      (error "hover does not say what this global does: %S" value))))

(pyhint-test "pyhint-explain at point shows the concept"
  (pyhint-test--goto "global counter")
  (let ((buf (pyhint-explain)))
    (unless buf (error "no explanation buffer"))
    (with-current-buffer buf
      (unless (string-match-p "The global keyword" (buffer-string))
        (error "explain buffer: %S" (buffer-substring 1 (min 200 (point-max))))))))

(pyhint-test "pyhint-explain with an id"
  (let ((buf (pyhint-explain "gil")))
    (with-current-buffer buf
      (unless (string-match-p "GIL" (buffer-string)) (error "explain gil: %S" (buffer-string))))))

(pyhint-test "an explanation is shown once: in its buffer, not also as a server message"
  (let* ((shown 0)
         (count (lambda (_server method &rest _)
                  (when (eq method 'window/showMessage) (cl-incf shown)))))
    (advice-add 'eglot-handle-notification :before count)
    (unwind-protect
        (progn
          (pyhint-explain "gil")
          (pyhint-test--goto "except:")
          (let* ((pos (eglot--pos-to-lsp-position))
                 (actions (jsonrpc-request (eglot-current-server) :textDocument/codeAction
                                           (list :textDocument (eglot--TextDocumentIdentifier)
                                                 :range (list :start pos :end pos)
                                                 :context (list :diagnostics []))))
                 (explain (seq-find (lambda (a) (equal (plist-get (plist-get a :command) :command) "pyhint.explain"))
                                    actions)))
            (unless explain (error "no Explain action among %S" (mapcar (lambda (a) (plist-get a :title)) actions)))
            (let ((cmd (plist-get explain :command)))
              (eglot-execute-command (eglot-current-server) (intern (plist-get cmd :command)) (plist-get cmd :arguments))))
          ;; A window/showMessage would come before the reply; give it time anyway.
          (pyhint-test--wait 0.5 (lambda () (> shown 0))))
      (advice-remove 'eglot-handle-notification count))
    (unless (= shown 0)
      (error "the server also showed %d explanation(s) as messages" shown))))

(pyhint-test "the bare-except quick fix applies"
  (pyhint-test--goto "except:")
  (let* ((pos (eglot--pos-to-lsp-position))
         (actions (jsonrpc-request (eglot-current-server) :textDocument/codeAction
                                   (list :textDocument (eglot--TextDocumentIdentifier)
                                         :range (list :start pos :end pos)
                                         :context (list :diagnostics [] :only ["quickfix"]))))
         (fix (seq-find (lambda (a) (equal (plist-get a :title) "Replace with except Exception:")) actions)))
    (unless fix (error "no fix among %S" (mapcar (lambda (a) (plist-get a :title)) actions)))
    (eglot--apply-workspace-edit (plist-get fix :edit))
    (unless (string= (buffer-substring (line-beginning-position) (line-end-position)) "    except Exception:")
      (error "line after the fix: %S" (buffer-substring (line-beginning-position) (line-end-position))))
    ;; eglot sends the change from an idle timer, which batch mode never runs:
    ;; send it as an interactive Emacs would.
    (unless (pyhint-test--wait 20 (lambda () (not (pyhint-test--has-diag "bare `except:`")))
                               (lambda () (eglot--signal-textDocument/didChange) (flymake-start)))
      (error "bare-except still reported: %S" (pyhint-test--diag-texts)))))

(pyhint-test "pyhint is eglot's server for python-mode"
  (let ((entry (assoc '(python-mode python-ts-mode) eglot-server-programs)))
    (unless (and entry (eq (cdr entry) #'pyhint--contact)) (error "entry: %S" entry))
    (when (seq-some (lambda (e) (and (not (eq e entry)) (pyhint--python-entry-p e))) eglot-server-programs)
      (error "another Python server is still registered"))))

(ignore-errors (eglot-shutdown (eglot-current-server)))
(pyhint-test--out "%d passed, %d failed" pyhint-test-passed pyhint-test-failed)
(kill-emacs (min pyhint-test-failed 90))

;;; pyhint-test.el ends here
