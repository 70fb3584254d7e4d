package dynamostore_test

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/checkpoint/dynamostore"
	"github.com/baton-run/baton/checkpoint/storetest"
	"github.com/baton-run/baton/internal/testenv"
)

// newClient is a real SDK client for the dynalite at endpoint, with static
// dummy credentials, over rt.
func newClient(endpoint string, rt http.RoundTripper) *dynamodb.Client {
	return dynamodb.New(dynamodb.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(endpoint),
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDBATONTEST", "dummy-secret", ""),
		HTTPClient:   &http.Client{Transport: rt},
	})
}

// loopbackTransport keeps enough idle connections for the suite's racers.
func loopbackTransport() *http.Transport {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 64
	return tr
}

var tableSeq atomic.Int64

// newTable creates a fresh checkpoint table through admin.
func newTable(t testing.TB, admin *dynamodb.Client) string {
	t.Helper()
	table := fmt.Sprintf("checkpoints-%d", tableSeq.Add(1))
	if err := dynamostore.CreateTable(context.Background(), admin, table); err != nil {
		t.Fatal(err)
	}
	return table
}

// harness opens stores on fresh tables through client, adding each
// store's retries to retries when the case ends.
func harness(admin, client *dynamodb.Client, retries *atomic.Int64) storetest.NewStore {
	return func(t *testing.T, opts *checkpoint.Options) *checkpoint.Store {
		s, err := dynamostore.Open(client, newTable(t, admin), opts)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { retries.Add(s.Stats().Retries); s.Close() })
		return s
	}
}

func TestConformance(t *testing.T) {
	client := newClient(testenv.Dynalite(t), loopbackTransport())
	var retries atomic.Int64
	storetest.Run(t, harness(client, client, &retries))
}

func TestLeaser(t *testing.T) {
	client := newClient(testenv.Dynalite(t), loopbackTransport())
	var retries atomic.Int64
	storetest.RunLeaser(t, harness(client, client, &retries))
}
