// Package ops calls each built-in blocking operation once.
package ops

import (
	"context"
	"database/sql"
	"net"
	"net/http"
	"net/smtp"
	"os/exec"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
	"go.mongodb.org/mongo-driver/mongo"
	"google.golang.org/grpc"
)

func HTTPGet() { http.Get("https://x") } // want HTTPGet:`^network: ops.HTTPGet → http.Get$`

func HTTPDo(c *http.Client, r *http.Request) { c.Do(r) } // want HTTPDo:`^network: ops.HTTPDo → \(\*http.Client\).Do$`

func SMTP(c *smtp.Client) { c.Quit() } // want SMTP:`^network: ops.SMTP → \(\*smtp.Client\).Quit$`

func Dial() { net.Dial("tcp", "x") } // want Dial:`^network: ops.Dial → net.Dial$`

func ConnWrite(c net.Conn) { c.Write(nil) } // want ConnWrite:`^network: ops.ConnWrite → net.Conn.Write$`

func GRPC(cc grpc.ClientConnInterface) { // want GRPC:`^network: ops.GRPC → grpc.ClientConnInterface.Invoke$`
	cc.Invoke(context.Background(), "/svc/M", nil, nil)
}

func GRPCConn(cc *grpc.ClientConn) { // want GRPCConn:`^network: ops.GRPCConn → \(\*grpc.ClientConn\).Invoke$`
	cc.Invoke(context.Background(), "/svc/M", nil, nil)
}

func S3(c *s3.Client) { c.PutObject(context.Background(), "k") } // want S3:`^network: ops.S3 → \(\*s3.Client\).PutObject$`

func SQL(db *sql.DB) { db.QueryContext(context.Background(), "SELECT 1") } // want SQL:`^database: ops.SQL → \(\*sql.DB\).QueryContext$`

func Pgx(c *pgx.Conn) { c.Exec(context.Background(), "DELETE FROM t") } // want Pgx:`^database: ops.Pgx → \(\*pgx.Conn\).Exec$`

func Pool(p *pgxpool.Pool) { p.QueryRow(context.Background(), "SELECT 1") } // want Pool:`^database: ops.Pool → \(\*pgxpool.Pool\).QueryRow$`

func Redis(c *redis.Client) { c.Get(context.Background(), "k") } // want Redis:`^database: ops.Redis → redis.cmdable.Get$`

func Mongo(c *mongo.Collection) { c.InsertOne(context.Background(), nil) } // want Mongo:`^database: ops.Mongo → \(\*mongo.Collection\).InsertOne$`

func Exec() { exec.Command("ls").Run() } // want Exec:`^process: ops.Exec → \(\*exec.Cmd\).Run$`

func Sleep() { time.Sleep(1) } // want Sleep:`^sleep: ops.Sleep → time.Sleep$`

// NotOps calls look-alikes that do not block.
func NotOps(c *s3.Client, m *mongo.Collection) {
	http.NewRequest("GET", "https://x", nil)
	exec.Command("ls")
	time.Now()
	m.Name()
}
