//! Zed extension for pyhint: runs `pyhint serve` (found on the worktree's
//! PATH, or at `lsp.pyhint.binary.path`) for Python, and passes
//! `lsp.pyhint.initialization_options` / `lsp.pyhint.settings` through.

use zed_extension_api::{self as zed, settings::LspSettings, LanguageServerId, Result};

struct Pyhint;

impl zed::Extension for Pyhint {
    fn new() -> Self {
        Pyhint
    }

    fn language_server_command(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let binary = LspSettings::for_worktree("pyhint", worktree)
            .ok()
            .and_then(|s| s.binary);
        let configured = binary.as_ref().and_then(|b| b.path.clone());
        let command = configured.or_else(|| worktree.which("pyhint")).ok_or_else(|| {
            "pyhint not found on PATH: install it with `go install github.com/pyhint/pyhint/cmd/pyhint@latest` \
             or set lsp.pyhint.binary.path in Zed's settings"
                .to_string()
        })?;
        let args = binary
            .and_then(|b| b.arguments)
            .unwrap_or_else(|| vec!["serve".to_string()]);
        Ok(zed::Command {
            command,
            args,
            env: worktree.shell_env(),
        })
    }

    fn language_server_initialization_options(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<zed::serde_json::Value>> {
        Ok(LspSettings::for_worktree("pyhint", worktree)
            .ok()
            .and_then(|s| s.initialization_options))
    }

    fn language_server_workspace_configuration(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<zed::serde_json::Value>> {
        let settings = LspSettings::for_worktree("pyhint", worktree)
            .ok()
            .and_then(|s| s.settings);
        Ok(settings.map(|s| zed::serde_json::json!({ "pyhint": s })))
    }
}

zed::register_extension!(Pyhint);
