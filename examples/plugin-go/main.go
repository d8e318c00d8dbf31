// A Go program that declares the async invocation config of one FC 2.0 function and one FC 3.0 function with
// the asyncinvoke provider's Go SDK (generated into sdk/go by scripts/gen-sdks.sh).
package main

import (
	"github.com/pulumi-async-invoke/pulumi-asyncinvoke/sdk/go/asyncinvoke/fc"
	"github.com/pulumi-async-invoke/pulumi-asyncinvoke/sdk/go/asyncinvoke/fc3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		retries := cfg.GetInt("retries")
		if cfg.Get("retries") == "" {
			retries = 2
		}
		eventAge := cfg.GetInt("eventAge")
		if eventAge == 0 {
			eventAge = 3600
		}
		failedQueue := cfg.Get("failedQueue")
		if failedQueue == "" {
			failedQueue = "acs:mns:cn-hangzhou:1234567890123456:/queues/orders-failed/messages"
		}

		orders, err := fc.NewFunctionAsyncInvokeConfig(ctx, "orders", &fc.FunctionAsyncInvokeConfigArgs{
			ServiceName:               pulumi.String("shop"),
			FunctionName:              pulumi.String("orders"),
			MaxAsyncRetryAttempts:     pulumi.Int(retries),
			MaxAsyncEventAgeInSeconds: pulumi.Int(eventAge),
			DestinationConfig: &fc.DestinationConfigArgs{
				OnFailure: &fc.DestinationArgs{Destination: pulumi.String(failedQueue)},
			},
		})
		if err != nil {
			return err
		}

		invoices, err := fc3.NewAsyncInvokeConfig(ctx, "invoices", &fc3.AsyncInvokeConfigArgs{
			FunctionName:          pulumi.String("invoices"),
			MaxAsyncRetryAttempts: pulumi.Int(retries),
			AsyncTask:             pulumi.Bool(true),
		})
		if err != nil {
			return err
		}

		ctx.Export("ordersId", orders.ID())
		ctx.Export("ordersRetries", orders.MaxAsyncRetryAttempts)
		ctx.Export("ordersEventAge", orders.MaxAsyncEventAgeInSeconds)
		ctx.Export("invoicesId", invoices.ID())
		ctx.Export("invoicesArn", invoices.FunctionArn)
		return nil
	})
}
