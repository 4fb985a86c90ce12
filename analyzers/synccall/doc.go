// Package synccall defines an Analyzer that reports synchronous calls from
// one module of a modular monolith into another module on a path that can
// block on I/O.
//
// # Analyzer synccall
//
// synccall: report synchronous cross-module calls that can block on I/O
//
// The synccall analyzer implements archcheck's sync-call rule. A call is
// reported when a function of module A calls, statically and not in a go
// statement, a function or method declared in module B, where B is not A,
// not shared, not an events package, not in A's allow_sync list, and the
// callee can reach a blocking operation of a kind listed in sync_call_kinds
// (default: network, process and sleep) through static calls, across any
// number of packages. For example:
//
//	checkout.PlaceOrder calls notifications.SendReceipt synchronously; it blocks
//	on net/smtp.SendMail (network: PlaceOrder → notifications.SendReceipt →
//	mailer.(*Mailer).Send → smtp.SendMail); publish an event on
//	internal/platform/events instead
//
// The chain names a hop's package when it differs from the previous hop's.
// Every sync-call finding belongs to a group, one caller module and one
// callee function, which check --group and the summary count.
//
// Such calls let one slow dependency take the whole application down; they
// are the calls that should become events on a broker.
//
// Whether a function can block is computed bottom-up and travels between
// packages as facts, so the analyzer works one package at a time under go
// vet, golangci-lint and nogo. Each function or method that can block gets a
// fact recording, for each kind it can block on (network, database, process,
// sleep), one shortest chain of calls down to a blocking operation, ties
// broken lexically. A chain stops at the first known client API (the
// built-in blocking operations, the config's blocking list), and a call
// into a database library (database/sql, sqlx, pgx, gorm, pop, ent, bun,
// mongo-driver, go-redis and the common drivers) from outside it is a
// database operation whatever the library does inside. Recursion terminates: the chains of a package are a
// fixpoint over its static call graph.
//
// Static calls are calls to functions, to methods on values and pointers, to
// instantiations of generic functions and methods (counted as their generic
// origin), method expressions such as (*T).M(x), parenthesized method values
// such as (x.M)(), and deferred calls. A call through a variable of
// function type is not static. Calls in package-level variable initialisers
// belong to the package's init function. Code in _test.go files is ignored.
//
// A function literal is a function of its own, named as the compiler names
// it (NewCmdX.func1, nested Outer.func1.2), plus the field it is stored in
// (NewCmdX.func1 (RunE)). Its calls count for the enclosing function only
// where it surely runs there: called where it is written, deferred, called
// through a local variable that holds only it, or passed as an argument to
// a callee that calls that parameter synchronously. Such callees are the
// built-in callback runners (sort.Slice*, slices.*Func, (*sync.Once).Do,
// sync.OnceFunc, strings.Map, filepath.Walk*, regexp's ReplaceAll*Func,
// the Retry functions of github.com/cenkalti/backoff (v4 wraps the operation
// in a literal it returns, which the derived fact does not follow), the
// transaction helpers of
// the database libraries) and every function the analysis proves calls its
// parameter, directly or by passing it on to one that does (a CallsParams
// fact, "calls params N"); a function or method value passed there is a
// call of it. Anything else stores the literal (a field, a map, a return
// value, a channel, http.HandleFunc, time.AfterFunc): its calls are the
// literal's own, reported with the literal as the caller.
//
// The callee and body of a go statement, and a function passed to
// (*errgroup.Group).Go or TryGo or (*sync.WaitGroup).Go, are asynchronous
// unless the same function waits for them: it calls Wait on that group (or,
// for a go statement, on a sync.WaitGroup the goroutine calls Done on: a
// literal's body that calls Done on it, or a named function of the same
// package that calls Done on its *sync.WaitGroup parameter, as in
// go worker(&wg) then wg.Wait()). Where in the goroutine Done is called
// is not checked (a body that calls Done before its blocking work still
// counts as waited), and a named worker declared in another package is
// asynchronous (no fact carries its Done).
// A waited goroutine blocks like a direct call, and its finding says "(in a
// goroutine the caller waits for)". The arguments of a go statement's call
// are evaluated synchronously.
//
// Blocking operations are the built-in list below plus the config's
// blocking entries; event seams, whose calls publish asynchronously and
// never block, are the built-in list below plus the config's events
// packages. The config's lists take precedence over the built-in ones and
// apply to the main module's packages; facts of other packages (dependencies
// from the module cache) use the built-in lists alone, so they depend only
// on the module version and build configuration. Operations and seams are
// matched by name, so a project need not depend on the libraries named.
//
// Built-in blocking operations:
//
//   - network: net/http.Get, Post, PostForm, Head and the same methods of
//     (*net/http.Client) plus Do; net.Dial* and (*net.Dialer).Dial*;
//     net/smtp.SendMail and every (*net/smtp.Client) method;
//     (*google.golang.org/grpc.ClientConn).Invoke and NewStream, and the same
//     methods of the grpc.ClientConnInterface interface; Read and Write of
//     the net.Conn interface (so any network client is caught through its
//     own body); the operations of every github.com/aws/aws-sdk-go-v2
//     service client.
//   - database: Query*, Exec*, Begin* and Ping* methods of database/sql's DB,
//     Tx, Conn and Stmt; query, exec, begin and copy methods of pgx v5's Conn
//     and pgxpool.Pool; go-redis v9 commands; mongo-driver Collection
//     operations.
//   - process: (*os/exec.Cmd).Run, Output, CombinedOutput and Wait.
//   - sleep: time.Sleep.
//
// Built-in event seams: (*github.com/segmentio/kafka-go.Writer).WriteMessages;
// the producers of github.com/IBM/sarama; (*Producer).Produce of
// github.com/confluentinc/confluent-kafka-go; (*kgo.Client).Produce* of
// github.com/twmb/franz-go; PutEvents of the AWS EventBridge client;
// publish calls of github.com/nats-io/nats.go; Publish* of
// (*github.com/rabbitmq/amqp091-go.Channel); (*cloud.google.com/go/pubsub.Topic).Publish;
// and the github.com/ThreeDotsLabs/watermill/message.Publisher interface.
//
// The bodies of standard-library functions are never analysed: the standard
// library counts only through the list above. So the analyzer misses, for
// example, blocking through os file I/O, net.Listener.Accept, channel
// operations, sync.Mutex waits, or standard-library wrappers not listed
// (such as smtp.Dial or (*http.Transport).RoundTrip called directly).
//
// Calls through interfaces are not static. An interface method gets a fact
// when implementations declared in the interface's own package block; a
// call through such an interface declared in the callee's module is
// reported, while a call through an interface declared in the caller's own
// module is the intended seam (dependency inversion) and never is. The
// standalone `archcheck check --interfaces`, which sees the whole program,
// also reports a call through another module's interface whose
// implementations elsewhere in the loaded packages block, marked "(via
// interface)"; it is off by default and absent under go vet.
package synccall
