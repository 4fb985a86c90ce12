package catalog

import (
	"slices"
	"strings"

	"github.com/archcheck/archcheck/rules"
)

// SQLLib is a library whose calls take SQL text.
type SQLLib struct {
	Path  string   // a package path, or a path prefix ending in "/"
	Funcs []string // name prefixes of the functions and methods that take a query
}

// SQLLibs returns the libraries whose query text the sqltables analyzer
// reads.
func SQLLibs() []SQLLib {
	return []SQLLib{
		{"database/sql", []string{"Query", "Exec", "Prepare"}},
		{"github.com/jackc/pgx/", []string{"Query", "Exec", "Prepare", "Queue", "SendBatch"}},
		{"github.com/jmoiron/sqlx", []string{"Query", "Exec", "Prepare", "Get", "Select", "MustExec", "Named"}},
		{"github.com/georgysavva/scany/", []string{"Get", "Select", "Query"}},
	}
}

// Matches reports whether the library holds package path.
func (l SQLLib) Matches(path string) bool { return matchPath(l.Path, path) }

// matchPath reports whether path is pattern, or under it when pattern
// ends in "/".
func matchPath(pattern, path string) bool {
	return path == pattern || strings.HasSuffix(pattern, "/") && strings.HasPrefix(path, pattern)
}

// ORMLib is an ORM or query builder whose models and builder calls name
// tables (the sqltables analyzer reads each by its Name).
type ORMLib struct {
	Name  string   // gorm, pop, squirrel, goqu
	Paths []string // package paths; a path ending in "/" matches what is under it
	// Versions: a path of Paths followed by a major version suffix
	// ("/v6") matches too.
	Versions bool
}

var ormLibs = []ORMLib{
	{"gorm", []string{"gorm.io/gorm", "github.com/jinzhu/gorm"}, false},
	{"pop", []string{"github.com/gobuffalo/pop", "github.com/ory/pop"}, true}, // and its forks
	{"squirrel", []string{"github.com/Masterminds/squirrel"}, false},
	{"goqu", []string{"github.com/doug-martin/goqu", "github.com/doug-martin/goqu/"}, false}, // v9, exp, …
}

// ORMLibs returns the ORMs and query builders the sqltables analyzer reads.
func ORMLibs() []ORMLib { return slices.Clone(ormLibs) }

// ORM names the ORM or query builder that package path belongs to, or "".
func ORM(path string) string {
	for _, l := range ormLibs {
		for _, root := range l.Paths {
			if matchPath(root, path) {
				return l.Name
			}
			if rest, ok := strings.CutPrefix(path, root+"/v"); ok && l.Versions && rest != "" && !strings.Contains(rest, "/") {
				return l.Name
			}
		}
	}
	return ""
}

// IOImport is a client library whose import alone means that the
// importing package owns I/O of its kind.
type IOImport struct {
	Path string // a package path, or a path prefix ending in "/"
	Kind rules.Kind
}

// ioImports are the IOImports. The standard library's clients (os/exec,
// net/smtp, net/http, database/sql, and pgx, sqlx, gRPC) are recognised by
// the functions a package calls (IOFuncs) instead: an import of os/exec
// for exec.LookPath, or of net/http for a server, is no I/O.
var ioImports = []IOImport{
	{"github.com/aws/aws-sdk-go-v2/", rules.KindNetwork},
	{"github.com/redis/go-redis/", rules.KindDatabase},
	{"go.mongodb.org/mongo-driver/", rules.KindDatabase},
}

// IOImports returns the client libraries recognised by their import.
func IOImports() []IOImport { return slices.Clone(ioImports) }

// IOImportKind returns the kind of I/O a package importing imp does, when
// the import alone says so.
func IOImportKind(imp string) (rules.Kind, bool) {
	for _, e := range ioImports {
		if matchPath(e.Path, imp) {
			return e.Kind, true
		}
	}
	return "", false
}

// IOFunc lists the functions of one package whose use is blocking I/O of
// the calling package's own: a client call, not a server's import, nor a
// *http.Client passed in (dependency injection names the type without
// doing I/O). exec.LookPath searches PATH and is not one.
type IOFunc struct {
	Pkg   string
	Names []string
	Kind  rules.Kind
}

// IOFuncs returns the I/O functions by package path.
func IOFuncs() map[string]IOFunc {
	const net, db, proc = rules.KindNetwork, rules.KindDatabase, rules.KindProcess
	out := map[string]IOFunc{}
	for _, f := range []IOFunc{
		{"os/exec", []string{"Command", "CommandContext"}, proc},
		{"net/smtp", []string{"SendMail", "Dial", "NewClient"}, net},
		{"net/http", []string{"Get", "Post", "Head", "PostForm", "NewRequest", "NewRequestWithContext", "DefaultClient"}, net},
		{"net", []string{"Dial", "DialTimeout", "DialTCP", "DialUDP", "DialUnix"}, net},
		{"net/rpc", []string{"Dial", "DialHTTP"}, net},
		{"database/sql", []string{"Open", "OpenDB"}, db},
		{"google.golang.org/grpc", []string{"Dial", "DialContext", "NewClient"}, net},
		{"github.com/jackc/pgx/v5", []string{"Connect", "ConnectConfig"}, db},
		{"github.com/jmoiron/sqlx", []string{"Open", "Connect", "MustConnect"}, db},
	} {
		out[f.Pkg] = f
	}
	return out
}
