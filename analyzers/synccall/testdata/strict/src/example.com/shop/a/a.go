package a

import "example.com/shop/b"

func Save() { // want Save:`database`
	b.Query(nil) // want `^\[sync-call\] a.Save calls b.Query synchronously; it blocks on \(\*database/sql.DB\).QueryContext \(database: Save → b.Query → sql.\(\*DB\).QueryContext\)$`
}

func Tell() { // want Tell:`network`
	b.Notify(nil) // want `a.Tell calls b.Notify synchronously; it blocks on \(\*github.com/nats-io/nats.go.Conn\).Publish \(network: `
}
