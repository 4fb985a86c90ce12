package rules

// Layers (SPEC "Config at scale"): `layers` orders layers top first, a
// module's `layer` places it, `closed` makes a layer a gate. The rule
// `layer` is checked per import by the boundary analyzer, through
// LayerViolation and MayDepend.

import (
	"fmt"
	"slices"

	"gopkg.in/yaml.v3"
)

// layers decodes the top-level layers list.
func (p *parser) layers(v *yaml.Node) []Layer {
	if isNull(resolve(v)) {
		p.errorf(posOf(v), "layers: expected a list of layer names, top first, got null")
		return nil
	}
	names, nodes := p.strings("layers", v)
	var out []Layer
	for i, name := range names {
		pos := posOf(nodes[i])
		if !validModuleName(name) {
			p.errorf(pos, "invalid layer name %q: use ASCII letters, digits, '_' and '-'", name)
			continue
		}
		if j := slices.IndexFunc(out, func(l Layer) bool { return l.Name == name }); j >= 0 {
			p.errorf(pos, "layer %q is listed twice in layers (first at line %d): layers is one order, top first, and a layer listed twice would sit above and below itself", name, out[j].Pos.Line)
			continue
		}
		out = append(out, Layer{Name: name, Pos: pos})
	}
	return out
}

// closed decodes the top-level closed list (checked in checkLayers).
func (p *parser) closed(v *yaml.Node) []Ref {
	names, nodes := p.strings("closed", v)
	out := make([]Ref, len(names))
	for i, name := range names {
		out[i] = Ref{Name: name, Pos: posOf(nodes[i])}
	}
	return out
}

// layerName decodes a module's or template's layer.
func (p *parser) layerName(v *yaml.Node) (string, Pos) {
	n := resolve(v)
	if n.Kind != yaml.ScalarNode || isNull(n) {
		p.errorf(posOf(v), "layer: expected a layer name, got %s", describe(n))
		return "", posOf(v)
	}
	return n.Value, posOf(v)
}

// checkLayers checks closed and every layer key against layers, and that
// every declared layer is used by some module or template.
func (p *parser) checkLayers(cfg *Config) {
	names := make([]string, len(cfg.Layers))
	for i, l := range cfg.Layers {
		names[i] = l.Name
	}
	unknown := func(pos Pos, what, name string) {
		if len(names) == 0 {
			p.errorf(pos, "%s %q: no layers are declared (add a top-level layers: [...] list, top first)", what, name)
			return
		}
		p.errorf(pos, "%s %q is not declared in layers%s", what, name, layerHint(name, names))
	}
	for i, r := range cfg.Closed {
		j := slices.Index(names, r.Name)
		switch {
		case j < 0:
			unknown(r.Pos, "closed layer", r.Name)
		case slices.ContainsFunc(cfg.Closed[:i], func(q Ref) bool { return q.Name == r.Name }):
			p.errorf(r.Pos, "layer %q is listed twice in closed", r.Name)
		case j == 0:
			p.warnf(r.Pos, "closed layer %q is the top layer: no layer is above it, so closing it changes nothing", r.Name)
			cfg.Layers[j].Closed = true
		default:
			cfg.Layers[j].Closed = true
		}
	}
	used := map[string]bool{}
	for _, d := range p.decl {
		m := d.mod
		if d.tmpl != nil {
			m = d.tmpl.Proto
		}
		if m == nil || !m.set["layer"] || m.Layer == "" {
			continue
		}
		used[m.Layer] = true
		if !slices.Contains(names, m.Layer) {
			what := fmt.Sprintf("module %q: layer", m.Name)
			if d.tmpl != nil {
				what = fmt.Sprintf("template %q: layer", m.Name)
			}
			unknown(m.LayerPos, what, m.Layer)
		}
	}
	for _, l := range cfg.Layers {
		if !used[l.Name] {
			p.errorf(l.Pos, "layer %q: no module or template has this layer (give one layer: %s, or remove it from layers)", l.Name, l.Name)
		}
	}
}

func layerHint(name string, names []string) string {
	if s := didYouMean(name, names); s != "" {
		return s
	}
	return fmt.Sprintf(" (declared: %s)", listNames(names, 10))
}

// bindLayers records each module's layer index.
func (c *Config) bindLayers() {
	for _, m := range c.Modules {
		m.layerIdx = slices.IndexFunc(c.Layers, func(l Layer) bool { return l.Name == m.Layer })
		if m.Layer == "" {
			m.layerIdx = -1
		}
	}
}

// LayerViolation returns the message of the layer rule for an import by a
// package of module a of importPath, a package of module b (both not nil,
// a ≠ b), or "" when the import keeps the layering: b is in a higher layer
// than a, or the import passes a closed layer (a closed layer is entered
// only from the layer directly above it, and nothing above it reaches past
// it). Modules without a layer are not checked.
func (c *Config) LayerViolation(a, b *Module, importPath string) string {
	i, j := a.layerIdx, b.layerIdx
	if i < 0 || j < 0 || i >= len(c.Layers) || j >= len(c.Layers) || a == b {
		return ""
	}
	la, lb := c.Layers[i].Name, c.Layers[j].Name
	if j < i {
		return fmt.Sprintf("%s (layer %s) imports %s (%s) of the higher layer %s; layers: %s",
			a.Name, la, b.Name, importPath, lb, c.layerOrder())
	}
	if b.Shared {
		return "" // every module may depend on a shared module: closed layers do not hide it
	}
	for k := i + 1; k < j; k++ {
		if c.Layers[k].Closed {
			return fmt.Sprintf("%s (layer %s) imports %s (%s) of layer %s, past the closed layer %s; layers: %s",
				a.Name, la, b.Name, importPath, lb, c.Layers[k].Name, c.layerOrder())
		}
	}
	if j > i+1 && c.Layers[j].Closed {
		return fmt.Sprintf("%s (layer %s) imports %s (%s) of the closed layer %s, which only layer %s may import; layers: %s",
			a.Name, la, b.Name, importPath, lb, c.Layers[j-1].Name, c.layerOrder())
	}
	return ""
}

// layerOrder is "app > domain > platform (closed)".
func (c *Config) layerOrder() string {
	s := ""
	for i, l := range c.Layers {
		if i > 0 {
			s += " > "
		}
		s += l.Name
		if l.Closed {
			s += " (closed)"
		}
	}
	return s
}

// MayDepend reports whether module a may import module b under the
// dependency rule: b is shared or listed in a's depends_on, or a has a layer
// and no depends_on and b is in a lower layer. (Upward imports and imports
// past a closed layer are the layer rule's: LayerViolation.)
func (c *Config) MayDepend(a, b *Module) bool {
	if b.Shared || a.MayDependOn(b.Name) {
		return true
	}
	return !a.DependsOnSet && a.layerIdx >= 0 && b.layerIdx > a.layerIdx
}
