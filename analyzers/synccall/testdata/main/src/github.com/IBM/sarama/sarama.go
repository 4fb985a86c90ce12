// Package sarama is a stub of github.com/IBM/sarama.
package sarama

type ProducerMessage struct{}

type SyncProducer interface {
	SendMessage(msg *ProducerMessage) (int32, int64, error)
}

type AsyncProducer interface {
	Input() chan<- *ProducerMessage
}
