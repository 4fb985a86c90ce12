package a

import "example.com/c/b"

func Calls() { // want Calls:`^network: a.Calls → b.Kafka → \(\*kafka.Reader\).ReadMessage; database: a.Calls → b.Bun → \(\*bun.SelectQuery\).Scan$`
	b.Pop(nil)       // want `a.Calls calls b.Pop synchronously; it blocks on \(\*github.com/ory/pop/v6.Connection\).Create \(database: Calls → b.Pop → pop.\(\*Connection\).Create\)$`
	b.PopHelper(nil) // want `\(database: Calls → b.PopHelper → pop.\(\*Connection\).Helper\)$`
	b.Gorm(nil)      // want `\(database: Calls → b.Gorm → gorm.\(\*DB\).First\)$`
	b.Sqlx(nil)      // want `\(database: Calls → b.Sqlx → sqlx.\(\*DB\).Get\)$`
	b.Bun(nil)       // want `\(database: Calls → b.Bun → bun.\(\*SelectQuery\).Scan\)$`
	b.Resty(nil)     // want `\(network: Calls → b.Resty → resty.\(\*Request\).Get\)$`
	b.Retry(nil)     // want `\(network: Calls → b.Retry → retryablehttp.\(\*Client\).Do\)$`
	b.S3(nil)        // want `\(network: Calls → b.S3 → s3.\(\*S3\).PutObject → request.\(\*Request\).Send\)$`
	b.NATS(nil)      // want `\(network: Calls → b.NATS → nats.\(\*Conn\).Request\)$`
	b.Kafka(nil)     // want `\(network: Calls → b.Kafka → kafka.\(\*Reader\).ReadMessage\)$`
}
