package graph

import (
	"go/ast"
	"slices"

	"github.com/archcheck/archcheck/rules"
)

// IOFuncs are the functions whose use is blocking I/O of the package's
// own: a client call, not a server's import, nor a *http.Client passed in
// (dependency injection names the type without doing I/O). exec.LookPath
// searches PATH and is not one.
var IOFuncs = map[string][]string{
	"os/exec":                 {"Command", "CommandContext"},
	"net/smtp":                {"SendMail", "Dial", "NewClient"},
	"net/http":                {"Get", "Post", "Head", "PostForm", "NewRequest", "NewRequestWithContext", "DefaultClient"},
	"net":                     {"Dial", "DialTimeout", "DialTCP", "DialUDP", "DialUnix"},
	"net/rpc":                 {"Dial", "DialHTTP"},
	"database/sql":            {"Open", "OpenDB"},
	"google.golang.org/grpc":  {"Dial", "DialContext", "NewClient"},
	"github.com/jackc/pgx/v5": {"Connect", "ConnectConfig"},
	"github.com/jmoiron/sqlx": {"Open", "Connect", "MustConnect"},
}

// ioKinds are the blocking kinds of the IOFuncs' packages.
var ioKinds = map[string]rules.Kind{
	"os/exec": rules.KindProcess, "net/smtp": rules.KindNetwork, "net/http": rules.KindNetwork,
	"net": rules.KindNetwork, "net/rpc": rules.KindNetwork, "google.golang.org/grpc": rules.KindNetwork,
	"database/sql": rules.KindDatabase, "github.com/jackc/pgx/v5": rules.KindDatabase, "github.com/jmoiron/sqlx": rules.KindDatabase,
}

// IOUses returns the IOFuncs a file uses ("os/exec.Command"), in source
// order, repeats included.
func IOUses(file *ast.File, p *Package) []string {
	var found []string
	names := ImportNames(file, p)
	uses := false
	for _, path := range names {
		_, ok := IOFuncs[path]
		uses = uses || ok
	}
	if !uses {
		return nil
	}
	ast.Inspect(file, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		id, ok := sel.X.(*ast.Ident)
		if !ok {
			return true
		}
		path, ok := names[id.Name]
		if !ok {
			return true
		}
		if slices.Contains(IOFuncs[path], sel.Sel.Name) {
			found = append(found, path+"."+sel.Sel.Name)
		}
		return true
	})
	return found
}
