package notifications

import (
	"time"

	"example.com/shop/internal/notifications/mailer"
)

func SendReceipt(to string) error { // want SendReceipt:`^network: notifications.SendReceipt → \(\*mailer.Mailer\).Send → \(\*mailer.Mailer\).deliver → smtp.SendMail$`
	return new(mailer.Mailer).Send(to)
}

// Lookup blocks on sleep.
func Lookup(id string) string { // want Lookup:`^sleep: notifications.Lookup → time.Sleep$`
	time.Sleep(time.Millisecond)
	return id
}

// Format does not block.
func Format(s string) string { return s }

// Client has a value method that blocks.
type Client struct{}

func (Client) Ping() { // want Ping:`^sleep: notifications.Client.Ping → time.Sleep$`
	time.Sleep(1)
}

// Broadcast is generic.
func Broadcast[T any](v T) { // want Broadcast:`^network: notifications.Broadcast → notifications.SendReceipt → `
	SendReceipt("all")
}

// Queue is a generic type with a blocking method.
type Queue[T any] struct{ items []T }

func (q *Queue[T]) Flush() { // want Flush:`^sleep: \(\*notifications.Queue\).Flush → time.Sleep$`
	time.Sleep(1)
}

// Notifier is implemented in this package by a blocking type: its method
// gets a fact.
type Notifier interface {
	Notify(to string) error // want Notify:`^network: notifications.Notifier.Notify → notifications.sms.Notify → notifications.SendReceipt → `
}

type sms struct{}

func (sms) Notify(to string) error { return SendReceipt(to) } // want Notify:`^network: notifications.sms.Notify → notifications.SendReceipt → `

// Formatter's implementations do not block: no fact.
type Formatter interface {
	Format(s string) string
}

type plain struct{}

func (plain) Format(s string) string { return s }

// Retry is recursive.
func Retry(n int) error { // want Retry:`^network: notifications.Retry → notifications.SendReceipt → `
	if n == 0 {
		return SendReceipt("x")
	}
	return Retry(n - 1)
}

// ping and pong are mutually recursive; pong sleeps.
func ping(n int) { // want ping:`^sleep: notifications.ping → notifications.pong → time.Sleep$`
	if n > 0 {
		pong(n - 1)
	}
}

func pong(n int) { // want pong:`^sleep: notifications.pong → time.Sleep$`
	time.Sleep(1)
	ping(n)
}

// Ping calls into the recursion.
func Ping() { ping(3) } // want Ping:`^sleep: notifications.Ping → notifications.ping → notifications.pong → time.Sleep$`

// Both reaches time.Sleep through a and b at equal length: the lexically
// least chain wins.
func Both() { // want Both:`^sleep: notifications.Both → notifications.a → time.Sleep$`
	b()
	a()
}

func a() { time.Sleep(1) } // want a:`^sleep: notifications.a → time.Sleep$`

func b() { time.Sleep(1) } // want b:`^sleep: notifications.b → time.Sleep$`

// Mixed blocks on network through a longer chain and on sleep directly.
func Mixed() { // want Mixed:`^network: notifications.Mixed → notifications.SendReceipt → .*; sleep: notifications.Mixed → time.Sleep$`
	SendReceipt("x")
	time.Sleep(1)
}

// Later does not block: its callee runs in a goroutine.
func Later() {
	go SendReceipt("x")
	go func() { Lookup("y") }()
}
