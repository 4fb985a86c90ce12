package checkout

import (
	"example.com/shop/internal/notifications"
	"example.com/shop/internal/notifications/mailer"
)

// Methods on pointers and values, generic instantiations.
func Methods(m *mailer.Mailer) { // want Methods:`^network: checkout.Methods → \(\*mailer.Mailer\).Send → `
	m.Send("x")                              // want `checkout.Methods calls \(\*mailer.Mailer\).Send synchronously`
	notifications.Client{}.Ping()            // want `calls notifications.Client.Ping synchronously; it blocks on time.Sleep \(sleep: Methods → notifications.Client.Ping → time.Sleep\)`
	notifications.Broadcast[int](1)          // want `calls notifications.Broadcast synchronously`
	notifications.Broadcast("inferred")      // want `calls notifications.Broadcast synchronously`
	new(notifications.Queue[string]).Flush() // want `calls \(\*notifications.Queue\).Flush synchronously; it blocks on time.Sleep \(sleep: Methods → notifications.\(\*Queue\).Flush → time.Sleep\)`
	m.Addr()                                 // does not block
	_ = notifications.Queue[int]{}
}

// Method values and method expressions.
func Values(m *mailer.Mailer) { // want Values:`network`
	(m.Send)("x")                                     // want `calls \(\*mailer.Mailer\).Send synchronously`
	(*mailer.Mailer).Send(m, "x")                     // want `calls \(\*mailer.Mailer\).Send synchronously`
	notifications.Client.Ping(notifications.Client{}) // want `calls notifications.Client.Ping synchronously`
}

// Function values passed or stored are not calls.
func FuncValues(m *mailer.Mailer) {
	f := m.Send
	g := notifications.SendReceipt
	h := (*mailer.Mailer).Send
	register(f, g, h)
	register(notifications.SendReceipt, m.Send, nil)
}

func register(fs ...any) {}

// Closures are attributed to the enclosing function; defers are calls.
func Closures() { // want Closures:`network`
	func() {
		notifications.SendReceipt("x") // want `checkout.Closures calls notifications.SendReceipt synchronously`
	}()
	defer notifications.SendReceipt("y") // want `checkout.Closures calls notifications.SendReceipt synchronously`
	defer func() {
		notifications.Lookup("z") // want `checkout.Closures calls notifications.Lookup synchronously`
	}()
}

// Go statements: the callee and body are asynchronous, the arguments are not.
func Goroutines(m *mailer.Mailer) { // want Goroutines:`^sleep: checkout.Goroutines → notifications.Lookup → time.Sleep$`
	go notifications.SendReceipt("x")
	go m.Send("x")
	go func() {
		notifications.SendReceipt("x")
	}()
	go audit(notifications.Lookup("id")) // want `checkout.Goroutines calls notifications.Lookup synchronously`
	go spawn(func() { notifications.SendReceipt("x") })
}

func audit(string)   {}
func spawn(f func()) {}

// Interfaces: one declared in the caller's module is the seam; one declared
// in the callee's module whose implementations block is a sync-call.
type Sender interface {
	SendReceipt(to string) error
}

func Interfaces(s Sender, n notifications.Notifier, f notifications.Formatter) { // want Interfaces:`^network: checkout.Interfaces → notifications.Notifier.Notify → `
	s.SendReceipt("x")
	n.Notify("x") // want `checkout.Interfaces calls notifications.Notifier.Notify synchronously; it blocks on net/smtp.SendMail \(network: Interfaces → notifications.Notifier.Notify → sms.Notify → SendReceipt → `
	f.Format("x")
}

// Recursion reaches the blocking operation in another module.
func Recursion() { // want Recursion:`^network: checkout.Recursion → notifications.Retry → notifications.SendReceipt`
	notifications.Retry(3) // want `checkout.Recursion calls notifications.Retry synchronously`
	notifications.Ping()   // want `checkout.Recursion calls notifications.Ping synchronously; it blocks on time.Sleep \(sleep: Recursion → notifications.Ping → ping → pong → time.Sleep\)`
	notifications.Both()   // want `\(sleep: Recursion → notifications.Both → a → time.Sleep\)`
}
