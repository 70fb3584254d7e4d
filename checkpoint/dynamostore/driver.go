package dynamostore

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/baton-run/baton/checkpoint/driver"
)

type store struct {
	client *dynamodb.Client
	table  string
}

var _ driver.Driver = (*store)(nil)

func (s *store) Get(ctx context.Context, key driver.Key) (*driver.Row, error) {
	out, err := s.client.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String(s.table), Key: itemKey(key), ConsistentRead: aws.Bool(true),
	}, noRetry)
	if err != nil {
		return nil, mapErr(ctx, err)
	}
	if out.Item == nil {
		return nil, driver.ErrNotFound
	}
	return decode(out.Item)
}

func (s *store) Put(ctx context.Context, row *driver.Row, cond driver.Cond) error {
	in := &dynamodb.PutItemInput{TableName: aws.String(s.table), Item: encode(row)}
	in.ConditionExpression, in.ExpressionAttributeNames, in.ExpressionAttributeValues = condition(cond)
	_, err := s.client.PutItem(ctx, in, noRetry)
	return mapErr(ctx, err)
}

// condition returns the ConditionExpression enforcing cond.
func condition(cond driver.Cond) (*string, map[string]string, map[string]types.AttributeValue) {
	if cond.Version == 0 {
		return aws.String("attribute_not_exists(#j)"), map[string]string{"#j": AttrJob}, nil
	}
	names := map[string]string{"#v": "version", "#o": "owner"}
	values := map[string]types.AttributeValue{":v": num(cond.Version)}
	if cond.Owner == "" {
		return aws.String("#v = :v AND attribute_not_exists(#o)"), names, values
	}
	values[":o"] = &types.AttributeValueMemberS{Value: cond.Owner}
	return aws.String("#v = :v AND #o = :o"), names, values
}

func (s *store) Delete(ctx context.Context, key driver.Key) error {
	_, err := s.client.DeleteItem(ctx, &dynamodb.DeleteItemInput{
		TableName: aws.String(s.table), Key: itemKey(key),
	}, noRetry)
	return mapErr(ctx, err)
}

func (s *store) List(ctx context.Context, job string) ([]*driver.Row, error) {
	p := dynamodb.NewQueryPaginator(s.client, &dynamodb.QueryInput{
		TableName:                 aws.String(s.table),
		KeyConditionExpression:    aws.String("#j = :j"),
		ExpressionAttributeNames:  map[string]string{"#j": AttrJob},
		ExpressionAttributeValues: map[string]types.AttributeValue{":j": &types.AttributeValueMemberS{Value: job}},
		ConsistentRead:            aws.Bool(true),
	})
	var rows []*driver.Row
	for p.HasMorePages() {
		page, err := p.NextPage(ctx, noRetry)
		if err != nil {
			return nil, mapErr(ctx, err)
		}
		if rows, err = appendDecoded(rows, page.Items); err != nil {
			return nil, err
		}
	}
	return rows, nil
}

// DeleteExpired scans for expired items and deletes each one that is still
// expired (a condition, so a record written meanwhile survives).
func (s *store) DeleteExpired(ctx context.Context, now time.Time) (int, error) {
	names := map[string]string{"#t": AttrTTL}
	values := map[string]types.AttributeValue{":now": num(now.Unix())}
	p := dynamodb.NewScanPaginator(s.client, &dynamodb.ScanInput{
		TableName: aws.String(s.table), FilterExpression: aws.String("#t <= :now"),
		ExpressionAttributeNames: names, ExpressionAttributeValues: values,
		ProjectionExpression: aws.String("job, sk"), ConsistentRead: aws.Bool(true),
	})
	n := 0
	for p.HasMorePages() {
		page, err := p.NextPage(ctx, noRetry)
		if err != nil {
			return n, mapErr(ctx, err)
		}
		for _, key := range page.Items {
			deleted, err := s.deleteIfExpired(ctx, key, names, values)
			if err != nil {
				return n, err
			}
			n += deleted
		}
	}
	return n, nil
}

func (s *store) deleteIfExpired(ctx context.Context, key map[string]types.AttributeValue,
	names map[string]string, values map[string]types.AttributeValue) (int, error) {
	_, err := s.client.DeleteItem(ctx, &dynamodb.DeleteItemInput{
		TableName: aws.String(s.table), Key: key, ConditionExpression: aws.String("#t <= :now"),
		ExpressionAttributeNames: names, ExpressionAttributeValues: values,
	}, noRetry)
	switch err = mapErr(ctx, err); err {
	case nil:
		return 1, nil
	case driver.ErrConflict:
		return 0, nil
	}
	return 0, err
}

func (s *store) Close() error { return nil }
