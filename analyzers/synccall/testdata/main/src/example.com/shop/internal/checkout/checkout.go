package checkout

import (
	"example.com/shop/internal/billing"
	"example.com/shop/internal/bus"
	"example.com/shop/internal/catalog"
	"example.com/shop/internal/inventory/store"
	"example.com/shop/internal/misc"
	"example.com/shop/internal/notifications"
	"example.com/shop/internal/notifications/publish"
	"example.com/shop/internal/ops"
	"example.com/shop/internal/platform/cache"
	"github.com/acme/sdk"
)

// PlaceOrder calls into notifications on a path down to net/smtp.
func PlaceOrder(to string) error { // want PlaceOrder:`^network: checkout.PlaceOrder → notifications.SendReceipt → `
	return notifications.SendReceipt(to) // want `^\[sync-call\] checkout.PlaceOrder calls notifications.SendReceipt synchronously; it blocks on net/smtp.SendMail \(network: PlaceOrder → notifications.SendReceipt → mailer.\(\*Mailer\).Send → \(\*Mailer\).deliver → smtp.SendMail\); publish an event on internal/bus instead$`
}

// Pay reaches net/http three packages down, across two other modules.
func Pay() error { // want Pay:`^network: checkout.Pay → billing.Charge → gateway.Post → http.Post$`
	return billing.Charge() // want `checkout.Pay calls billing.Charge synchronously; it blocks on net/http.Post \(network: Pay → billing.Charge → gateway.Post → http.Post\)`
}

// Card blocks through the config's blocking list.
func Card() error { // want Card:`network`
	return billing.Card(nil) // want `it blocks on \(\*github.com/acme/payments.Client\).Charge \(network: Card → billing.Card → payments.\(\*Client\).Charge\)`
}

// Mixed reports the shortest enabled chain: sleep.
func Mixed() { // want Mixed:`network.*; sleep`
	notifications.Mixed() // want `it blocks on time.Sleep \(sleep: Mixed → notifications.Mixed → time.Sleep\)`
}

// Negatives: none of these is a sync-call.
func Negatives() { // want Negatives:`^database: checkout.Negatives → store.Load; sleep: checkout.Negatives → catalog.Price → time.Sleep$`
	notifications.Format("x") // a cross-domain call that does not block
	catalog.Price("id")       // allow_sync: [catalog]
	cache.Get("k")            // platform is shared
	bus.Publish("orders")     // events: calls into it publish
	misc.Wait()               // misc belongs to no module
	store.Load("id")          // database: not in the default sync_call_kinds
	notifications.Later()     // its callees run in goroutines
	publish.Kafka(nil)        // built-in event seams do not block
	publish.Sarama(nil, nil)
	publish.Confluent(nil)
	publish.Franz(nil)
	publish.EventBridge(nil)
	publish.NATS(nil)
	publish.AMQP(nil)
	publish.PubSub(nil)
	publish.Watermill(nil)
	sdk.Fetch(nil) // the config's blocking list does not apply to dependencies' facts
}

// Suppressed calls are not reported.
func Suppressed() { // want Suppressed:`sleep`
	//archcheck:ignore sync-call the receipt must be sent before we answer
	notifications.SendReceipt("x")
	notifications.Lookup("y") //archcheck:ignore sync-call lookups are fast enough
}

// Ops calls every built-in blocking operation in another module.
func Ops() { // want Ops:`^network: checkout.Ops → publish.Describe → .*; database: checkout.Ops → ops.Mongo → .*; process: checkout.Ops → ops.Exec → .*; sleep: checkout.Ops → ops.Sleep → time.Sleep$`
	ops.HTTPGet()        // want `it blocks on net/http.Get \(network: Ops → ops.HTTPGet → http.Get\)`
	ops.HTTPDo(nil, nil) // want `it blocks on \(\*net/http.Client\).Do `
	ops.SMTP(nil)        // want `it blocks on \(\*net/smtp.Client\).Quit `
	ops.Dial()           // want `it blocks on net.Dial `
	ops.ConnWrite(nil)   // want `it blocks on net.Conn.Write `
	ops.GRPC(nil)        // want `it blocks on google.golang.org/grpc.ClientConnInterface.Invoke `
	ops.GRPCConn(nil)    // want `it blocks on \(\*google.golang.org/grpc.ClientConn\).Invoke `
	ops.S3(nil)          // want `it blocks on \(\*github.com/aws/aws-sdk-go-v2/service/s3.Client\).PutObject `
	ops.SQL(nil)
	ops.Pgx(nil)
	ops.Pool(nil)
	ops.Redis(nil)
	ops.Mongo(nil)
	ops.Exec()            // want `it blocks on \(\*os/exec.Cmd\).Run \(process: `
	ops.Sleep()           // want `it blocks on time.Sleep \(sleep: `
	publish.Describe(nil) // want `it blocks on \(\*github.com/aws/aws-sdk-go-v2/service/eventbridge.Client\).DescribeRule `
	ops.NotOps(nil, nil)
}

// Dependency blocks through a dependency's own fact.
func Dependency() error { // want Dependency:`^network: checkout.Dependency → sdk.Get → http.Get$`
	return sdk.Get("https://x")
}

// receipt is initialised by a call: it belongs to the package's init.
var receipt = notifications.SendReceipt("init") // want `checkout.init calls notifications.SendReceipt synchronously`
