package b

import (
	"github.com/aws/aws-sdk-go/service/s3"
	"github.com/go-resty/resty/v2"
	"github.com/hashicorp/go-retryablehttp"
	"github.com/jmoiron/sqlx"
	"github.com/nats-io/nats.go"
	"github.com/ory/pop/v6"
	"github.com/segmentio/kafka-go"
	"github.com/uptrace/bun"
	"gorm.io/gorm"
)

func Pop(c *pop.Connection) { // want Pop:`^database: b.Pop → \(\*pop.Connection\).Create$`
	c.Where("x").Create(nil)
}

func PopHelper(c *pop.Connection) { // want PopHelper:`^database: b.PopHelper → \(\*pop.Connection\).Helper$`
	c.Helper()
}

func Gorm(db *gorm.DB) { // want Gorm:`^database: b.Gorm → \(\*gorm.DB\).First$`
	db.Where("x").First(nil)
}

func Sqlx(db *sqlx.DB) { // want Sqlx:`^database: b.Sqlx → \(\*sqlx.DB\).Get$`
	db.Get(nil, "q")
}

func Bun(q *bun.SelectQuery) { // want Bun:`^database: b.Bun → \(\*bun.SelectQuery\).Scan$`
	q.Scan()
}

func Resty(r *resty.Request) { // want Resty:`^network: b.Resty → \(\*resty.Request\).Get$`
	r.Get("https://x")
}

func Retry(c *retryablehttp.Client) { // want Retry:`^network: b.Retry → \(\*retryablehttp.Client\).Do$`
	c.Do(nil)
}

func S3(c *s3.S3) { // want S3:`^network: b.S3 → \(\*s3.S3\).PutObject → \(\*request.Request\).Send$`
	c.PutObject()
}

func NATS(c *nats.Conn) { // want NATS:`^network: b.NATS → \(\*nats.Conn\).Request$`
	c.Request("s", nil)
	c.Publish("s", nil) // a seam, never blocking
}

func Kafka(r *kafka.Reader) { // want Kafka:`^network: b.Kafka → \(\*kafka.Reader\).ReadMessage$`
	r.ReadMessage()
}
