;;; pyhint.el --- pyhint (Python concepts and pitfalls) through eglot  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1") (eglot "1.9"))
;; Keywords: languages, tools
;; URL: https://github.com/pyhint/pyhint

;;; Commentary:

;; Registers `pyhint serve' with eglot for Python buffers and adds
;; `pyhint-explain', which shows the concept at point (or a named concept or
;; rule) in a help buffer.
;;
;;   (require 'pyhint)
;;   (add-hook 'python-mode-hook #'eglot-ensure)
;;
;; Settings go to the server as initializationOptions and answer its
;; workspace/configuration requests:
;;
;;   (setq pyhint-settings '(:explanationLevel "intermediate"
;;                           :ignore ["global-statement"]))
;;
;; eglot 1.9 (Emacs 28/29) runs one server per major mode: with this package,
;; pyhint is the Python server.  No inlay hints before eglot 1.14.

;;; Code:

(require 'eglot)
(require 'jsonrpc)

(defgroup pyhint nil
  "Python concepts explained, pitfalls flagged."
  :group 'tools
  :prefix "pyhint-")

(defcustom pyhint-command '("pyhint" "serve")
  "The command that starts the pyhint language server."
  :type '(repeat string))

(defcustom pyhint-settings '(:explanationLevel "beginner")
  "The server's settings, a plist: :explanationLevel, :select, :ignore,
:severity and :inlayHints, as in the pyhint README."
  :type 'sexp)

;; The server's own class, so that its workspace/configuration requests and
;; the "pyhint.explain" command of code actions are handled here.
(defclass pyhint-server (eglot-lsp-server) ()
  :documentation "The pyhint language server.")

(defun pyhint--contact (&optional _interactive)
  "The eglot contact for pyhint."
  (cons 'pyhint-server
        (append pyhint-command
                (list :initializationOptions (lambda (_server) pyhint-settings)))))

(defun pyhint--python-entry-p (entry)
  "Non-nil if ENTRY of `eglot-server-programs' is for Python."
  (let ((modes (if (listp (car entry)) (car entry) (list (car entry)))))
    (or (memq 'python-mode modes) (memq 'python-ts-mode modes))))

;;;###autoload
(defun pyhint-register ()
  "Make pyhint eglot's server for Python buffers."
  (setq eglot-server-programs
        (cons (cons '(python-mode python-ts-mode) #'pyhint--contact)
              (seq-remove #'pyhint--python-entry-p eglot-server-programs))))

(pyhint-register)

(defun pyhint--settings (server)
  "The settings for SERVER: the :pyhint section of the user's
`eglot-workspace-configuration' if there is one, else `pyhint-settings'."
  (let ((conf (eglot--workspace-configuration-plist server)))
    (if (plist-member conf :pyhint) (plist-get conf :pyhint) pyhint-settings)))

(cl-defmethod eglot-handle-request
  ((server pyhint-server) (_method (eql workspace/configuration)) &key items)
  "Answer the \"pyhint\" section with `pyhint--settings'."
  (apply #'vector
         (mapcar (lambda (item)
                   (let ((section (plist-get item :section)))
                     (cond ((equal section "pyhint") (pyhint--settings server))
                           ((and (stringp section) (string-prefix-p "pyhint." section))
                            (plist-get (pyhint--settings server)
                                       (intern (concat ":" (substring section 7)))))
                           (t nil))))
                 items)))

(cl-defmethod eglot-execute-command
  ((server pyhint-server) (command (eql pyhint.explain)) arguments)
  "Run the server's explain COMMAND with ARGUMENTS and show the result."
  (pyhint--show (jsonrpc-request server :workspace/executeCommand
                                 (list :command (symbol-name command) :arguments (pyhint--quiet arguments)))))

(defun pyhint--quiet (arguments)
  "ARGUMENTS of pyhint.explain, asking the server not to show the result too.
Emacs shows it in its own buffer; without \='notify false\=' the server
would also send it as a message."
  (let ((arg (and (> (length arguments) 0) (elt arguments 0))))
    (vector (cond ((stringp arg) (list :id arg :notify :json-false))
                  ((and arg (listp arg)) (plist-put (copy-sequence arg) :notify :json-false))
                  (t arg)))))

(defun pyhint-set (key value)
  "Set KEY (a keyword such as :explanationLevel) to VALUE and tell the servers."
  (setq pyhint-settings (plist-put (copy-sequence pyhint-settings) key value))
  (dolist (server (pyhint--servers))
    (jsonrpc-notify server :workspace/didChangeConfiguration
                    (list :settings (list :pyhint (pyhint--settings server))))))

(defun pyhint--servers ()
  "The running pyhint servers."
  (let (out)
    (maphash (lambda (_project servers)
               (dolist (s servers)
                 (when (cl-typep s 'pyhint-server) (push s out))))
             eglot--servers-by-project)
    out))

(defun pyhint--markdown (result)
  "The Markdown of an explain RESULT, or nil."
  (cond ((and (stringp result) (not (string-empty-p result))) result)
        ((and (listp result) (plist-get result :markdown)))
        ((and (listp result) (plist-get result :value)))))

;;;###autoload
(defun pyhint-explain (&optional id)
  "Explain the concept at point in the *pyhint explain* buffer.
With a prefix argument, or when ID is given, explain that concept or rule.
Returns the buffer, or nil when there is nothing to explain."
  (interactive (list (when current-prefix-arg (read-string "Concept or rule: "))))
  (let* ((server (eglot--current-server-or-lose))
         (id (if (and id (not (string-empty-p id))) id (pyhint--id-at-point server))))
    (if (not id)
        (progn (message "pyhint: there is no concept to explain here") nil)
      (pyhint--show (jsonrpc-request server :workspace/executeCommand
                                     (list :command "pyhint.explain" :arguments (pyhint--quiet (vector id))))))))

(defun pyhint--id-at-point (server)
  "The concept (or else rule) at point, from SERVER's \"Explain\" code actions."
  (let* ((pos (eglot--pos-to-lsp-position))
         (actions (jsonrpc-request server :textDocument/codeAction
                                   (list :textDocument (eglot--TextDocumentIdentifier)
                                         :range (list :start pos :end pos)
                                         :context (list :diagnostics [] :only ["quickfix"]))))
         concepts rules)
    (seq-doseq (a actions)
      (let* ((cmd (plist-get a :command))
             (cmd (if (stringp cmd) a cmd))
             (arg (and (equal (plist-get cmd :command) "pyhint.explain")
                       (seq-first (plist-get cmd :arguments))))
             (id (if (stringp arg) arg (plist-get arg :id))))
        (when (stringp id)
          (if (and (not (stringp (plist-get a :command)))
                   (> (length (plist-get a :diagnostics)) 0))
              (push id rules)
            (push id concepts)))))
    (car (append (nreverse concepts) (nreverse rules)))))

(defun pyhint--show (result)
  "Show the Markdown of an explain RESULT; return its buffer, or nil."
  (let ((md (pyhint--markdown result)))
    (if (not md)
        (progn (message "pyhint: there is no concept to explain here") nil)
      (with-current-buffer (get-buffer-create "*pyhint explain*")
        (let ((inhibit-read-only t))
          (erase-buffer)
          (insert md)
          (goto-char (point-min))
          (if (fboundp 'gfm-view-mode) (gfm-view-mode) (special-mode)))
        (display-buffer (current-buffer))
        (current-buffer)))))

(provide 'pyhint)
;;; pyhint.el ends here
