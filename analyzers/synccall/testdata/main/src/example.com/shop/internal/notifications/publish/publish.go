// Package publish calls every built-in event seam: none of them blocks,
// although the stubs' bodies do.
package publish

import (
	"context"

	"cloud.google.com/go/pubsub"
	"github.com/IBM/sarama"
	"github.com/ThreeDotsLabs/watermill/message"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ckafka "github.com/confluentinc/confluent-kafka-go/v2/kafka"
	"github.com/nats-io/nats.go"
	amqp "github.com/rabbitmq/amqp091-go"
	"github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kgo"
)

func Kafka(w *kafka.Writer) error { return w.WriteMessages(context.Background()) }

func Sarama(p sarama.SyncProducer, a sarama.AsyncProducer) {
	p.SendMessage(nil)
	a.Input() <- nil
}

func Confluent(p *ckafka.Producer) error { return p.Produce(nil, nil) }

func Franz(c *kgo.Client) error { return c.ProduceSync(context.Background()) }

func EventBridge(c *eventbridge.Client) error { return c.PutEvents(context.Background(), nil) }

func NATS(c *nats.Conn) error { return c.Publish("orders", nil) }

func AMQP(ch *amqp.Channel) error {
	return ch.PublishWithContext(context.Background(), "", "orders", amqp.Publishing{})
}

func PubSub(t *pubsub.Topic) { t.Publish(context.Background(), nil) }

func Watermill(p message.Publisher) error { return p.Publish("orders") }

// Describe is an ordinary EventBridge operation: it blocks.
func Describe(c *eventbridge.Client) error { // want Describe:`^network: publish.Describe → \(\*eventbridge.Client\).DescribeRule$`
	return c.DescribeRule(context.Background(), "r")
}
