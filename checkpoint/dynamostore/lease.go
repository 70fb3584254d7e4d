package dynamostore

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/baton-run/baton/checkpoint/driver"
)

var _ driver.Leaser = (*store)(nil)

// leaseCondition is driver.Leaser's condition: absent, or not done, not
// expired (expires_at is in whole seconds) and not leased to another owner.
const leaseCondition = "attribute_not_exists(#j) OR (#d = :false AND " +
	"(attribute_not_exists(#e) OR #e > :nowsec) AND (attribute_not_exists(#o) OR #o = :o OR #l <= :now))"

// Lease claims in one UpdateItem: it sets the lease fields, increments the
// version (creating the item when absent) and returns the item as written.
func (s *store) Lease(ctx context.Context, key driver.Key, l driver.Lease) (*driver.Row, error) {
	out, err := s.client.UpdateItem(ctx, leaseInput(s.table, key, l), noRetry)
	if err != nil {
		return nil, mapErr(ctx, err)
	}
	return decode(out.Attributes)
}

// leaseInput builds the UpdateItem of Lease.
func leaseInput(table string, key driver.Key, l driver.Lease) *dynamodb.UpdateItemInput {
	names := map[string]string{"#j": AttrJob, "#o": "owner", "#l": "lease_until", "#u": "updated",
		"#w": "write_id", "#v": "version", "#c": "created", "#s": "step", "#d": "done",
		"#pd": "progress_done", "#pt": "progress_total", "#e": AttrTTL}
	values := map[string]types.AttributeValue{":o": str(l.Owner), ":l": num(l.Until.UnixMilli()),
		":now": num(l.Now.UnixMilli()), ":nowsec": num(l.Now.Unix()), ":w": str(l.WriteID),
		":zero": num(0), ":one": num(1), ":step": str(key.Step), ":false": &types.AttributeValueMemberBOOL{}}
	set := []string{"#o = :o", "#l = :l", "#u = :now", "#w = :w", "#v = if_not_exists(#v, :zero) + :one",
		"#c = if_not_exists(#c, :now)", "#s = :step", "#d = if_not_exists(#d, :false)",
		"#pd = if_not_exists(#pd, :zero)", "#pt = if_not_exists(#pt, :zero)"}
	if key.Item != "" {
		names["#i"], values[":item"] = "item", str(key.Item)
		set = append(set, "#i = :item")
	}
	update := "SET "
	if l.Expires.IsZero() {
		update = "REMOVE #e SET "
	} else {
		values[":e"] = num(l.Expires.Unix())
		set = append(set, "#e = :e")
	}
	return &dynamodb.UpdateItemInput{
		TableName: aws.String(table), Key: itemKey(key),
		UpdateExpression:          aws.String(update + strings.Join(set, ", ")),
		ConditionExpression:       aws.String(leaseCondition),
		ExpressionAttributeNames:  names,
		ExpressionAttributeValues: values,
		ReturnValues:              types.ReturnValueAllNew,
	}
}
