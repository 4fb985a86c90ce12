// Package catalog is archcheck's knowledge of the libraries Go programs use:
// the blocking operations of client libraries by kind, the publish calls
// of message brokers (event seams), the callback runners, the database
// and SQL libraries, and the imports and functions that mean a package
// does I/O of its own. It is declared once, here, and read by the
// sync-call and sqltables analyzers, graph's metrics and init; adding a
// database driver or a broker is an edit of this package only. Every
// list is returned fresh: there is no package state to mutate.
package catalog

import (
	"strings"

	"github.com/archcheck/archcheck/rules"
)

// A Func names functions and methods. Pkg and Name may use `*` as a glob
// within one path element (path.Match); Recv is the receiver type name
// without `*` ("" for package-level functions), matched whether the
// receiver is a pointer or not, and for interface methods the interface's
// name. Name "*" with no Recv names every function and method of Pkg.
type Func struct {
	Pkg, Recv, Name string
}

// Op is a blocking operation of a client library.
type Op struct {
	Func
	Kind rules.Kind
}

// Seam is an event seam: a call into it publishes asynchronously.
type Seam struct {
	Func
	Lib string // the library, as shown in publish edges
}

// ops builds the ops for every name on one receiver.
func ops(kind rules.Kind, pkg, recv string, names ...string) []Op {
	out := make([]Op, len(names))
	for i, n := range names {
		out[i] = Op{Func{pkg, recv, n}, kind}
	}
	return out
}

// seams builds the seams for every name on one receiver.
func seams(lib, pkg, recv string, names ...string) []Seam {
	out := make([]Seam, len(names))
	for i, n := range names {
		out[i] = Seam{Func{pkg, recv, n}, lib}
	}
	return out
}

func callbacks(pkg, recv string, names ...string) []Func {
	out := make([]Func, len(names))
	for i, n := range names {
		out[i] = Func{pkg, recv, n}
	}
	return out
}

// Ops returns the blocking operations of the known client libraries (SPEC
// "Built-in blocking operations").
func Ops() []Op {
	const (
		net, db, proc, sleep = rules.KindNetwork, rules.KindDatabase, rules.KindProcess, rules.KindSleep
		grpc                 = "google.golang.org/grpc"
		pgx                  = "github.com/jackc/pgx/v5"
		pgx4                 = "github.com/jackc/pgx/v4"
		redis                = "github.com/redis/go-redis/v9"
		redis8               = "github.com/go-redis/redis/v8"
	)
	sqlOps := []string{"Query*", "Exec*", "Begin*", "Ping*", "Prepare*", "Commit", "Rollback", "Conn"}
	pgxOps := []string{"Query*", "Exec*", "Begin*", "Copy*", "SendBatch", "Ping", "Prepare"}
	mongoOps := []string{"Find*", "Insert*", "Update*", "Delete*", "Replace*", "Aggregate",
		"BulkWrite", "CountDocuments", "EstimatedDocumentCount", "Distinct", "Watch", "Drop"}
	sqlxOps := []string{"Get*", "Select*", "Exec*", "Query*", "MustExec*", "NamedExec*", "NamedQuery*",
		"Beginx", "BeginTxx", "MustBegin*", "Preparex*", "PrepareNamed*", "Ping*"}
	gormOps := []string{"Create", "CreateInBatches", "Save", "First", "Take", "Last", "Find", "FindInBatches",
		"FirstOrInit", "FirstOrCreate", "Update", "Updates", "UpdateColumn", "UpdateColumns", "Delete",
		"Count", "Row", "Rows", "Scan", "ScanRows", "Pluck", "Exec", "Transaction", "Begin", "Commit",
		"Rollback", "SavePoint", "RollbackTo", "AutoMigrate"}
	popConn := []string{"Create", "Eager*", "Save", "Update", "UpdateColumns", "Destroy", "Find", "First",
		"Last", "All", "Count", "Exists", "Load", "Reload", "Select*", "Transaction*", "Rollback*", "NewTransaction*",
		"RawQuery", "ValidateAnd*"}
	popQuery := []string{"All", "First", "Last", "Find", "Count", "CountByField", "Exists", "Exec",
		"ExecWithCount", "Delete", "UpdateQuery", "GroupBy"}
	bunQuery := []string{"Exec", "Scan", "ScanAndCount", "Count", "Exists"}
	return concat(
		ops(net, "net/http", "", "Get", "Post", "PostForm", "Head"),
		ops(net, "net/http", "Client", "Do", "Get", "Post", "PostForm", "Head"),
		ops(net, "net", "", "Dial*"),
		ops(net, "net", "Dialer", "Dial*"),
		ops(net, "net", "Conn", "Read", "Write"),
		ops(net, "net/smtp", "", "SendMail"),
		ops(net, "net/smtp", "Client", "*"),
		ops(net, grpc, "ClientConn", "Invoke", "NewStream"),
		ops(net, grpc, "ClientConnInterface", "Invoke", "NewStream"),
		ops(net, "github.com/aws/aws-sdk-go-v2/service/*", "Client", "[A-Z]*"),
		// Clients a monolith uses, so that a chain stops at their API.
		ops(net, "github.com/aws/aws-sdk-go/aws/request", "Request", "Send"),
		ops(net, "github.com/go-resty/resty/v2", "Request", "Get", "Post", "Put", "Patch", "Delete", "Head", "Options", "Send", "Execute"),
		ops(net, "resty.dev/v3", "Request", "Get", "Post", "Put", "Patch", "Delete", "Head", "Options", "Send", "Execute"),
		ops(net, "github.com/hashicorp/go-retryablehttp", "Client", "Do", "Get", "Post", "PostForm", "Head"),
		ops(net, "github.com/hashicorp/go-retryablehttp", "", "Get", "Post", "PostForm", "Head"),
		ops(net, "github.com/nats-io/nats.go", "Conn", "Request*", "Flush*"),
		ops(net, "github.com/segmentio/kafka-go", "Reader", "ReadMessage", "FetchMessage", "CommitMessages"),
		ops(net, "github.com/elastic/go-elasticsearch/v7", "Client", "Perform"),
		ops(net, "github.com/elastic/go-elasticsearch/v8", "Client", "Perform"),
		ops(net, "github.com/elastic/elastic-transport-go/v8/elastictransport", "Client", "Perform"),
		ops(net, "github.com/stripe/stripe-go/v*", "BackendImplementation", "Call*"),
		ops(db, "database/sql", "DB", sqlOps...),
		ops(db, "database/sql", "Tx", sqlOps...),
		ops(db, "database/sql", "Conn", sqlOps...),
		ops(db, "database/sql", "Stmt", sqlOps...),
		ops(db, "database/sql", "Rows", "Next", "NextResultSet"),
		ops(db, "database/sql", "Row", "Scan"),
		ops(db, pgx, "Conn", pgxOps...),
		ops(db, pgx+"/pgxpool", "Pool", pgxOps...),
		ops(db, pgx+"/pgxpool", "Pool", "Acquire*"),
		ops(db, pgx4, "Conn", pgxOps...),
		ops(db, pgx4+"/pgxpool", "Pool", pgxOps...),
		ops(db, pgx4+"/pgxpool", "Pool", "Acquire*"),
		ops(db, "github.com/jmoiron/sqlx", "DB", sqlxOps...),
		ops(db, "github.com/jmoiron/sqlx", "Tx", sqlxOps...),
		ops(db, "github.com/jmoiron/sqlx", "Conn", sqlxOps...),
		ops(db, "github.com/jmoiron/sqlx", "", "Get*", "Select*", "NamedExec*", "NamedQuery*", "MustExec*", "Connect*"),
		ops(db, "gorm.io/gorm", "DB", gormOps...),
		ops(db, "github.com/gobuffalo/pop/v6", "Connection", popConn...),
		ops(db, "github.com/gobuffalo/pop/v6", "Query", popQuery...),
		ops(db, "github.com/ory/pop/v6", "Connection", popConn...),
		ops(db, "github.com/ory/pop/v6", "Query", popQuery...),
		ops(db, "github.com/uptrace/bun", "SelectQuery", bunQuery...),
		ops(db, "github.com/uptrace/bun", "InsertQuery", bunQuery...),
		ops(db, "github.com/uptrace/bun", "UpdateQuery", bunQuery...),
		ops(db, "github.com/uptrace/bun", "DeleteQuery", bunQuery...),
		ops(db, "github.com/uptrace/bun", "RawQuery", bunQuery...),
		ops(db, "github.com/uptrace/bun", "DB", "ExecContext", "QueryContext", "QueryRowContext", "BeginTx", "RunInTx", "Ping*"),
		ops(db, redis, "cmdable", "*"),
		ops(db, redis, "statefulCmdable", "*"),
		ops(db, redis, "Cmdable", "*"),
		ops(db, redis, "StatefulCmdable", "*"),
		ops(db, redis, "UniversalClient", "Do", "Process"),
		ops(db, redis, "Client", "Do", "Process"),
		ops(db, redis, "ClusterClient", "Do", "Process"),
		ops(db, redis8, "cmdable", "*"),
		ops(db, redis8, "statefulCmdable", "*"),
		ops(db, redis8, "Cmdable", "*"),
		ops(db, redis8, "Client", "Do", "Process"),
		ops(db, "go.mongodb.org/mongo-driver/mongo", "Collection", mongoOps...),
		ops(db, "go.mongodb.org/mongo-driver/v2/mongo", "Collection", mongoOps...),
		ops(proc, "os/exec", "Cmd", "Run", "Output", "CombinedOutput", "Wait"),
		ops(sleep, "time", "", "Sleep"),
	)
}

// databaseLibs are the module paths of the database libraries: a call into
// one from outside it that can block is a database operation whatever the
// library does inside (sleep in a retry loop, dial a socket), and its chain
// stops there. Unexported: read through DatabaseLib only.
var databaseLibs = []string{
	"github.com/jmoiron/sqlx",
	"github.com/jackc/pgx/v4", "github.com/jackc/pgx/v5", "github.com/jackc/pgconn", "github.com/jackc/pgtype",
	"gorm.io/gorm", "gorm.io/driver",
	"github.com/gobuffalo/pop", "github.com/ory/pop",
	"entgo.io/ent",
	"github.com/uptrace/bun",
	"go.mongodb.org/mongo-driver",
	"github.com/redis/go-redis", "github.com/go-redis/redis",
	"github.com/lib/pq", "github.com/go-sql-driver/mysql", "github.com/mattn/go-sqlite3", "modernc.org/sqlite",
	"github.com/Masterminds/squirrel", "github.com/doug-martin/goqu", "github.com/gocql/gocql",
	"github.com/go-pg/pg", "github.com/volatiletech/sqlboiler", "github.com/cockroachdb/cockroach-go",
	"github.com/gomodule/redigo",
}

// DatabaseLib returns the database library pkgPath belongs to, or "".
func DatabaseLib(pkgPath string) string {
	for _, lib := range databaseLibs {
		if pkgPath == lib || strings.HasPrefix(pkgPath, lib) && (pkgPath[len(lib)] == '/' || pkgPath[len(lib)] == '.') {
			return lib
		}
	}
	return ""
}

// Seams returns the event seams of the known message brokers (SPEC
// "Built-in event seams"). sync-call checks them before the blocking
// operations, so that EventBridge's PutEvents is a seam although every
// other AWS client operation blocks.
func Seams() []Seam {
	const (
		kafka   = "github.com/segmentio/kafka-go"
		sarama  = "github.com/IBM/sarama"
		ckafka  = "github.com/confluentinc/confluent-kafka-go"
		kgo     = "github.com/twmb/franz-go/pkg/kgo"
		eb      = "github.com/aws/aws-sdk-go-v2/service/eventbridge"
		nats    = "github.com/nats-io/nats.go"
		amqp    = "github.com/rabbitmq/amqp091-go"
		pubsub  = "cloud.google.com/go/pubsub"
		wm      = "github.com/ThreeDotsLabs/watermill"
		wmMsg   = wm + "/message"
		publish = "Publish*"
	)
	return concat(
		seams(kafka, kafka, "Writer", "WriteMessages"),
		seams(sarama, sarama, "SyncProducer", "SendMessage", "SendMessages"),
		seams(sarama, sarama, "AsyncProducer", "Input"),
		seams(sarama, sarama, "syncProducer", "SendMessage", "SendMessages"),
		seams(sarama, sarama, "asyncProducer", "Input"),
		seams(ckafka, ckafka+"/kafka", "Producer", "Produce"),
		seams(ckafka, ckafka+"/v2/kafka", "Producer", "Produce"),
		seams(kgo, kgo, "Client", "Produce*"),
		seams(eb, eb, "Client", "PutEvents"),
		seams(nats, nats, "Conn", publish),
		seams(nats, nats, "EncodedConn", publish),
		seams(nats, nats, "JetStream", publish),
		seams(nats, nats+"/jetstream", "Publisher", publish),
		seams(amqp, amqp, "Channel", publish),
		seams(pubsub, pubsub, "Topic", "Publish"),
		seams(wm, wmMsg, "Publisher", "Publish"),
	)
}

// Groups returns the goroutine groups: types whose Go method starts a
// goroutine that the same group's Wait waits for (Name is empty: every
// method). A fan-out the caller waits for runs synchronously.
func Groups() []Func {
	return []Func{{"sync", "WaitGroup", ""}, {"golang.org/x/sync/errgroup", "Group", ""}}
}

// Callbacks returns the callback runners (SPEC "Callbacks"): functions and
// methods that call every function-typed parameter they have
// synchronously, before they return: the sorting, searching, walking and
// replacing helpers of the standard library, the retry loops of
// github.com/cenkalti/backoff, and the transaction and pipeline helpers of
// the database libraries, whose callback runs inside the transaction
// before they return. Everything else that takes a function stores it
// (http.HandleFunc, time.AfterFunc, context.AfterFunc, a router's GET)
// unless sync-call derives otherwise.
func Callbacks() []Func {
	const (
		pgx4  = "github.com/jackc/pgx/v4"
		pgx5  = "github.com/jackc/pgx/v5"
		redis = "github.com/redis/go-redis/v9"
		rd8   = "github.com/go-redis/redis/v8"
		mongo = "go.mongodb.org/mongo-driver/mongo"
		mgo2  = "go.mongodb.org/mongo-driver/v2/mongo"
	)
	pops := []string{"Transaction", "TransactionContext", "TransactionContextOptions", "Rollback", "RollbackContext"}
	redisTx := []string{"Watch", "Pipelined", "TxPipelined"}
	return concat(
		callbacks("sort", "", "Slice", "SliceStable", "Search", "Find"),
		callbacks("slices", "", "*Func"),
		callbacks("maps", "", "*Func"),
		callbacks("strings", "", "Map", "*Func"),
		callbacks("bytes", "", "Map", "*Func"),
		callbacks("regexp", "Regexp", "ReplaceAllFunc", "ReplaceAllStringFunc"),
		callbacks("sync", "Once", "Do"),
		callbacks("sync", "", "OnceFunc", "OnceValue", "OnceValues"),
		callbacks("path/filepath", "", "Walk", "WalkDir"),
		callbacks("io/fs", "", "WalkDir"),
		// backoff v4 wraps the operation in a literal it returns
		// (Operation.withEmptyData), which the CallsParams derivation
		// does not follow: listed.
		callbacks("github.com/cenkalti/backoff", "", "Retry", "RetryNotify", "RetryNotifyWithTimer"),
		callbacks("github.com/cenkalti/backoff/v4", "", "Retry*"),
		callbacks("github.com/cenkalti/backoff/v5", "", "Retry"),
		callbacks("gorm.io/gorm", "DB", "Transaction", "Connection"),
		callbacks("github.com/gobuffalo/pop/v6", "Connection", pops...),
		callbacks("github.com/ory/pop/v6", "Connection", pops...),
		callbacks(pgx4, "Conn", "BeginFunc", "BeginTxFunc"),
		callbacks(pgx4, "", "BeginFunc", "BeginTxFunc"),
		callbacks(pgx4+"/pgxpool", "Pool", "BeginFunc", "BeginTxFunc"),
		callbacks(pgx5, "", "BeginFunc", "BeginTxFunc"),
		callbacks(pgx5+"/pgxpool", "Pool", "BeginFunc", "BeginTxFunc"),
		callbacks("github.com/uptrace/bun", "DB", "RunInTx"),
		callbacks("github.com/uptrace/bun", "Conn", "RunInTx"),
		callbacks("github.com/jmoiron/sqlx", "", "Transact"),
		callbacks(mongo, "Session", "WithTransaction"),
		callbacks(mongo, "Client", "UseSession", "UseSessionWithOptions"),
		callbacks(mongo, "", "WithSession"),
		callbacks(mgo2, "Session", "WithTransaction"),
		callbacks(mgo2, "Client", "UseSession", "UseSessionWithOptions"),
		callbacks(redis, "Client", redisTx...),
		callbacks(redis, "ClusterClient", redisTx...),
		callbacks(redis, "Cmdable", "Pipelined", "TxPipelined"),
		callbacks(redis, "UniversalClient", redisTx...),
		callbacks(rd8, "Client", redisTx...),
		callbacks(rd8, "ClusterClient", redisTx...),
		callbacks(rd8, "Cmdable", "Pipelined", "TxPipelined"),
		callbacks(rd8, "UniversalClient", redisTx...),
	)
}

func concat[T any](lists ...[]T) []T {
	var out []T
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}
