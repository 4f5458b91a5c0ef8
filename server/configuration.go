package server

// This file defines configuration: the editor's settings (initialization
// options, workspace/configuration, didChangeConfiguration) merged over the
// project's pyproject.toml [tool.pyhint] table, which is re-read when it
// changes.
//
// Editor settings (section "pyhint"; initializationOptions may hold them
// directly or under a "pyhint" key):
//
//	explanationLevel  "beginner" (default) | "intermediate" | "expert"
//	select            rules or concepts to report (replaces the project's)
//	ignore            rules or concepts never to report (added to the project's)
//	severity          {rule: "error"|"warning"|"info"|"hint"} (over the project's)
//	perFileIgnores    {glob: [rules]} (added to the project's)
//	inlayHints        {"pitfalls": true, "concepts": false, "kinds": {concept: bool}}
//
// Inlay hints are quiet by default: only constructs that carry a finding
// get one ("pitfalls"). "concepts" turns on a hint at every construct a
// concept explains; "kinds" turns one concept's hints on or off regardless.
// A setting with a bad value is reported with window/showMessage, naming
// it, and its default stays in force; unknown keys are logged and ignored
// (clients may keep their own settings in the same section).

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/pyhint/pyhint/analyzers"
	"github.com/pyhint/pyhint/analyzers/config"
	"github.com/pyhint/pyhint/knowledge"
)

// hintSettings says which inlay hints are shown.
type hintSettings struct {
	Pitfalls bool
	Concepts bool
	Kinds    map[string]bool // concept id → on/off, overriding the two above
}

// show reports whether a hint of concept is shown; pitfall says whether the
// construct carries a finding.
func (h hintSettings) show(concept string, pitfall bool) bool {
	if on, ok := h.Kinds[concept]; ok {
		return on
	}
	if pitfall {
		return h.Pitfalls
	}
	return h.Concepts
}

// settings are the editor's settings, validated.
type settings struct {
	level     string
	hasSelect bool
	sel       []string
	ignore    []string
	severity  map[string]string
	perFile   map[string][]string
	hints     hintSettings
}

func defaultSettings() settings {
	return settings{hints: hintSettings{Pitfalls: true}}
}

// configState is the server's configuration state.
type configState struct {
	// ready is closed once the first configuration is known (after the
	// first workspace/configuration reply, or at once if the client has
	// none), so that the first diagnostics already follow it.
	ready     chan struct{}
	readyOnce sync.Once

	// mu guards the fields below.
	mu       sync.Mutex
	initOpts map[string]json.RawMessage // from initializationOptions
	pulled   map[string]json.RawMessage // from workspace/configuration or didChangeConfiguration
	editor   settings
	gen      uint64                    // bumped on every change
	projects map[string]*config.Config // directory → its project's config (nil: none)
	docs     map[string]*effective     // URI → its configuration as of gen
}

func (c *configState) init() {
	c.ready = make(chan struct{})
	c.editor = defaultSettings()
	c.projects = map[string]*config.Config{}
	c.docs = map[string]*effective{}
	c.gen = 1 // 0 marks a configuration that must not be cached
}

func (c *configState) markReady() { c.readyOnce.Do(func() { close(c.ready) }) }

// effective is the configuration that applies to one document.
type effective struct {
	cfg   *config.Config
	level knowledge.Level
	hints hintSettings
	path  string // the document's file path, or ""
	gen   uint64
	// on and severity are cfg.Enabled and cfg.SeverityOf for every known
	// rule, computed once: those calls are not cheap.
	on       map[string]bool
	severity map[string]string
}

// enabled reports whether rule is reported for this document.
func (e *effective) enabled(rule string) bool {
	if on, ok := e.on[rule]; ok {
		return on
	}
	return e.cfg.Enabled(rule, e.path)
}

// severityOf returns rule's severity for this document.
func (e *effective) severityOf(rule string) string {
	if sev, ok := e.severity[rule]; ok {
		return sev
	}
	return e.cfg.SeverityOf(rule)
}

// settingsObject decodes a settings value into its keys. A value holding a
// "pyhint" object is unwrapped. null or absent gives nil.
func settingsObject(raw json.RawMessage) (map[string]json.RawMessage, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("settings must be an object: %w", err)
	}
	if inner, ok := m["pyhint"]; ok {
		var im map[string]json.RawMessage
		if err := json.Unmarshal(inner, &im); err == nil {
			return im, nil
		}
	}
	return m, nil
}

// parseSettings validates settings key by key; a bad key keeps its default
// and yields a warning naming it.
func parseSettings(m map[string]json.RawMessage) (settings, []string, []string) {
	st := defaultSettings()
	var warnings, unknown []string
	bad := func(key, problem string) {
		warnings = append(warnings, fmt.Sprintf("pyhint: invalid setting %q: %s; using the default", key, problem))
	}
	validate := func(key string, c *config.Config) bool {
		c.Source = "settings"
		if err := c.Validate(); err != nil {
			var ce *config.Error
			if errors.As(err, &ce) {
				// The config names keys as pyproject.toml does.
				bad(strings.Replace(ce.Key, "per-file-ignores", "perFileIgnores", 1), ce.Problem)
			} else {
				bad(key, err.Error())
			}
			return false
		}
		return true
	}
	keys := slices.Sorted(maps.Keys(m))
	for _, key := range keys {
		raw := m[key]
		if string(raw) == "null" {
			continue
		}
		switch key {
		case "explanationLevel":
			var v string
			if err := json.Unmarshal(raw, &v); err != nil {
				bad(key, "want a string: beginner, intermediate or expert")
			} else if _, err := knowledge.ParseLevel(v); err != nil {
				bad(key, fmt.Sprintf("got %q, want beginner, intermediate or expert", v))
			} else {
				st.level = strings.ToLower(strings.TrimSpace(v))
			}
		case "select", "ignore":
			var v []string
			if err := json.Unmarshal(raw, &v); err != nil {
				bad(key, "want a list of rule names or concept ids")
				continue
			}
			c := &config.Config{}
			if key == "select" {
				c.Select = v
			} else {
				c.Ignore = v
			}
			if validate(key, c) {
				if key == "select" {
					st.hasSelect, st.sel = true, v
				} else {
					st.ignore = v
				}
			}
		case "severity":
			var v map[string]string
			if err := json.Unmarshal(raw, &v); err != nil {
				bad(key, `want an object such as {"bare-except": "error"}`)
			} else if validate(key, &config.Config{Severity: v}) {
				st.severity = v
			}
		case "perFileIgnores":
			var v map[string][]string
			if err := json.Unmarshal(raw, &v); err != nil {
				bad(key, `want an object such as {"tests/*": ["global-statement"]}`)
			} else if validate(key, &config.Config{PerFileIgnores: v}) {
				st.perFile = v
			}
		case "inlayHints":
			h, problem, badKey := parseHints(raw)
			if problem != "" {
				bad("inlayHints"+badKey, problem)
			} else {
				st.hints = h
			}
		default:
			unknown = append(unknown, key)
		}
	}
	return st, warnings, unknown
}

func parseHints(raw json.RawMessage) (hintSettings, string, string) {
	h := defaultSettings().hints
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return h, `want an object such as {"pitfalls": true, "concepts": false}`, ""
	}
	for _, key := range slices.Sorted(maps.Keys(m)) {
		raw := m[key]
		switch key {
		case "pitfalls", "concepts":
			var v bool
			if err := json.Unmarshal(raw, &v); err != nil {
				return h, "want true or false", "." + key
			}
			if key == "pitfalls" {
				h.Pitfalls = v
			} else {
				h.Concepts = v
			}
		case "kinds":
			var v map[string]bool
			if err := json.Unmarshal(raw, &v); err != nil {
				return h, `want an object of concept ids to true or false, such as {"generators": true}`, ".kinds"
			}
			for _, id := range slices.Sorted(maps.Keys(v)) {
				if !analyzers.KnownConcept(id) {
					return h, fmt.Sprintf("unknown concept %q", id), ".kinds"
				}
			}
			h.Kinds = v
		default:
			return h, "unknown key (known: pitfalls, concepts, kinds)", "." + key
		}
	}
	return h, "", ""
}

// setInitOptions takes the settings of initializationOptions.
func (s *Server) setInitOptions(raw json.RawMessage) {
	m, err := settingsObject(raw)
	if err != nil {
		s.showOnce(msgWarning, fmt.Sprintf("pyhint: invalid initializationOptions: %v; using the defaults", err))
	}
	s.cfg.mu.Lock()
	s.cfg.initOpts = m
	s.cfg.mu.Unlock()
	s.applySettings()
	if !s.capabilities().Workspace.Configuration {
		s.cfg.markReady()
	}
}

// applySettings re-parses the merged editor settings and re-publishes.
func (s *Server) applySettings() {
	s.cfg.mu.Lock()
	merged := maps.Clone(s.cfg.initOpts)
	if merged == nil {
		merged = map[string]json.RawMessage{}
	}
	maps.Copy(merged, s.cfg.pulled)
	st, warnings, unknown := parseSettings(merged)
	s.cfg.editor = st
	s.cfg.gen++
	s.cfg.mu.Unlock()
	for _, w := range warnings {
		s.showOnce(msgWarning, w)
	}
	if len(unknown) > 0 {
		s.log.Printf("settings: ignoring unknown keys %s", strings.Join(unknown, ", "))
	}
	s.configChanged()
}

// configChanged re-publishes every document and asks pulling clients to
// pull again.
func (s *Server) configChanged() {
	if sess := s.session(); sess != nil {
		sess.Refresh()
	}
	if s.currentState() != initialized {
		return
	}
	caps := s.capabilities()
	if s.pulls() {
		s.background(func() { _ = s.callClient(s.conn, "workspace/diagnostic/refresh", nil, nil) })
	}
	if caps.Workspace.InlayHint.RefreshSupport {
		s.background(func() { _ = s.callClient(s.conn, "workspace/inlayHint/refresh", nil, nil) })
	}
}

// initialConfigTimeout bounds the wait for the first workspace/configuration
// reply.
const initialConfigTimeout = 3 * time.Second

// pullConfiguration asks the client for the "pyhint" section.
func (s *Server) pullConfiguration(initial bool) {
	if initial {
		defer s.cfg.markReady()
	}
	if !s.capabilities().Workspace.Configuration {
		return
	}
	ctx := s.conn
	if initial {
		// The first diagnostics wait for this reply: do not let a client
		// that never answers hold them back for long.
		var cancel context.CancelFunc
		timeout := initialConfigTimeout
		if s.opts.configTimeout > 0 {
			timeout = s.opts.configTimeout
		}
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	var res []json.RawMessage
	err := s.callClient(ctx, "workspace/configuration", map[string]any{"items": []map[string]any{{"section": "pyhint"}}}, &res)
	if err != nil {
		s.log.Printf("workspace/configuration: %v", err)
		return
	}
	if len(res) == 0 {
		return
	}
	m, err := settingsObject(res[0])
	if err != nil {
		s.showOnce(msgWarning, fmt.Sprintf("pyhint: invalid settings: %v; using the defaults", err))
		return
	}
	s.cfg.mu.Lock()
	s.cfg.pulled = m
	s.cfg.mu.Unlock()
	s.applySettings()
}

func (s *Server) didChangeConfiguration(ctx context.Context, params json.RawMessage) (any, error) {
	var p struct {
		Settings json.RawMessage `json:"settings"`
	}
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	var top map[string]json.RawMessage
	_ = json.Unmarshal(p.Settings, &top)
	if _, ok := top["pyhint"]; ok {
		// Pushed settings (Neovim's "settings" table).
		m, err := settingsObject(p.Settings)
		if err != nil {
			s.showOnce(msgWarning, fmt.Sprintf("pyhint: invalid settings: %v; using the defaults", err))
			return nil, nil
		}
		s.cfg.mu.Lock()
		s.cfg.pulled = m
		s.cfg.mu.Unlock()
		s.applySettings()
		return nil, nil
	}
	if s.capabilities().Workspace.Configuration {
		s.background(func() { s.pullConfiguration(false) })
	}
	return nil, nil
}

func (s *Server) didChangeWatchedFiles(ctx context.Context, params json.RawMessage) (any, error) {
	var p struct {
		Changes []struct {
			URI string `json:"uri"`
		} `json:"changes"`
	}
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	for _, c := range p.Changes {
		if strings.HasSuffix(c.URI, "/"+config.FileName) {
			s.reloadProjects()
			break
		}
	}
	return nil, nil
}

// reloadProjects forgets every pyproject.toml read so far.
func (s *Server) reloadProjects() {
	s.cfg.mu.Lock()
	clear(s.cfg.projects)
	s.cfg.gen++
	s.cfg.mu.Unlock()
	s.noticeMu.Lock()
	for k := range s.noticed {
		if strings.Contains(k, config.FileName) {
			delete(s.noticed, k) // a still-broken file is reported again
		}
	}
	s.noticeMu.Unlock()
	s.configChanged()
}

// waitConfig waits until the first configuration is known.
func (s *Server) waitConfig(ctx context.Context) error {
	select {
	case <-s.cfg.ready:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// effectiveConfig returns the configuration for a document: its project's
// pyproject.toml (the nearest one above the file with a [tool.pyhint]
// table; for documents without a path, the first workspace folder's) with
// the editor's settings over it.
func (s *Server) effectiveConfig(uri string) *effective {
	s.cfg.mu.Lock()
	e, ok := s.cfg.docs[uri]
	if ok && e.gen == s.cfg.gen {
		s.cfg.mu.Unlock()
		return e
	}
	s.cfg.mu.Unlock()
	e = s.computeConfig(uri)
	s.cfg.mu.Lock()
	if e.gen == s.cfg.gen {
		s.cfg.docs[uri] = e
	}
	s.cfg.mu.Unlock()
	return e
}

func (s *Server) computeConfig(uri string) *effective {
	s.cfg.mu.Lock()
	gen := s.cfg.gen
	s.cfg.mu.Unlock()
	path, isFile := uriPath(uri)
	var dir string
	if isFile {
		dir = filepath.Dir(path)
	} else {
		s.stateMu.Lock()
		if len(s.roots) > 0 {
			dir = s.roots[0]
		}
		s.stateMu.Unlock()
		path = ""
	}
	var proj *config.Config
	if dir != "" {
		proj = s.project(dir)
	}
	s.cfg.mu.Lock()
	ed := s.cfg.editor
	if s.cfg.gen != gen {
		gen = 0 // changed meanwhile: usable now, but not cached
	}
	s.cfg.mu.Unlock()

	c := &config.Config{}
	if proj != nil {
		*c = *proj
	} else {
		c.Dir = dir
	}
	if ed.hasSelect {
		c.Select = ed.sel
	}
	c.Ignore = append(slices.Clone(c.Ignore), ed.ignore...)
	if len(ed.severity) > 0 {
		m := maps.Clone(c.Severity)
		if m == nil {
			m = map[string]string{}
		}
		maps.Copy(m, ed.severity)
		c.Severity = m
	}
	if len(ed.perFile) > 0 {
		m := map[string][]string{}
		for k, v := range c.PerFileIgnores {
			m[k] = slices.Clone(v)
		}
		for k, v := range ed.perFile {
			m[k] = append(m[k], v...)
		}
		c.PerFileIgnores = m
	}
	if ed.level != "" {
		c.ExplanationLevel = ed.level
	}
	level, err := knowledge.ParseLevel(c.ExplanationLevel)
	if err != nil {
		level = knowledge.Beginner
	}
	e := &effective{cfg: c, level: level, hints: ed.hints, path: path, gen: gen,
		on: make(map[string]bool, len(s.rules)), severity: make(map[string]string, len(s.rules))}
	for name := range s.rules {
		e.on[name] = c.Enabled(name, path)
		e.severity[name] = c.SeverityOf(name)
	}
	return e
}

// project returns the project configuration that applies in dir, reading
// it on first use. A broken file is reported once and ignored.
func (s *Server) project(dir string) *config.Config {
	s.cfg.mu.Lock()
	cfg, ok := s.cfg.projects[dir]
	gen := s.cfg.gen
	s.cfg.mu.Unlock()
	if ok {
		return cfg
	}
	// Read outside the lock: it touches the disk.
	path, err := config.Find(dir)
	if err == nil && path != "" {
		cfg, err = config.Load(path)
	}
	if err != nil {
		s.showOnce(msgWarning, fmt.Sprintf("pyhint: %v; using the default configuration", err))
		cfg = nil
	}
	s.cfg.mu.Lock()
	if s.cfg.gen == gen {
		// Not if a reload happened meanwhile: what was read may be stale.
		s.cfg.projects[dir] = cfg
	}
	s.cfg.mu.Unlock()
	return cfg
}
