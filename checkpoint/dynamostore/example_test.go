package dynamostore_test

import (
	"context"
	"log"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/checkpoint/dynamostore"
)

// Open a Store on the table the SAM template creates (its name comes from
// the function's environment), with the SDK's default configuration.
func ExampleOpen() {
	ctx := context.Background()
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		log.Fatal(err)
	}
	store, err := dynamostore.Open(dynamodb.NewFromConfig(cfg), "baton-checkpoints", nil)
	if err != nil {
		log.Fatal(err)
	}
	rec, err := store.Claim(ctx, checkpoint.Key{Job: "nightly", Step: "aggregate"},
		checkpoint.NewOwner(), time.Now().Add(14*time.Minute))
	if err != nil {
		log.Fatal(err) // errors.Is(err, checkpoint.ErrLeaseHeld): another invocation is running
	}
	log.Printf("resuming at %d/%d", rec.Progress.Done, rec.Progress.Total)
}
